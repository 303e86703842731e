/** A link to a case by its uuid (the address never names a person); opens it in the app. */
export function CaseLink({ id, number, className, onOpenCase }: { id: string; number: string; className?: string; onOpenCase(id: string): void }) {
  return (
    <a
      href={`/arende/${id}`}
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpenCase(id);
      }}
    >
      {number}
    </a>
  );
}
