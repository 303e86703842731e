// The contract's copy of what needs the hub now (src/domain/hub-attention.ts), so that the web
// app's queue and overview count "försenade" and order cases by the same rule as the server.
export { attentionBucket, compareForHub, hubClockOf, isOverdue, type HubClock, type QueueCounts, type QueueItem } from '../domain/hub-attention.ts';
