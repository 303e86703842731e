// Sets the logged-in user's notification channels: one row per channel, replaced in place. An
// address is kept only for e-mail.
import type { z } from 'zod';
import { notificationPreferences } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { PutPreferencesBody } from './schemas.ts';

export async function setNotificationPreferences(tx: Tx, input: { userId: string; preferences: z.infer<typeof PutPreferencesBody>['preferences'] }): Promise<void> {
  for (const p of input.preferences) {
    const values = { enabled: p.enabled, address: p.channel === 'email' ? (p.address ?? null) : null };
    await tx
      .insert(notificationPreferences)
      .values({ userId: input.userId, channel: p.channel, ...values })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.channel], set: values });
  }
}
