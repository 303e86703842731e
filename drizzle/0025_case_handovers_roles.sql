-- case_handovers (0024) under the three roles of 0022: the engine passes due handovers to the
-- office (every row); the reader's role writes the record with a jour group's kvittens and reads
-- it for a case it can see (the case policy of 0024).
DROP POLICY IF EXISTS case_handovers_system ON case_handovers;--> statement-breakpoint
CREATE POLICY case_handovers_system ON case_handovers TO envagin_system USING (true) WITH CHECK (true);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_handovers TO envagin_app;
