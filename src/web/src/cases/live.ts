// Live updates for the lists: the server's notification stream (GET /api/v1/events, Server-Sent
// Events) triggers a refetch the moment something happens. Until the stream has delivered an
// event, and whenever it fails, the list is also polled every 10 s, so a quiet or broken stream
// never leaves a screen stale; once the stream has proved itself a slow safety poll remains.
import { useEffect, useRef, useState } from 'react';

export interface LiveEvent {
  topic: string;
  caseNumber: string;
  text: string;
  link: string;
}

/** Event names the server sends (the notification topics); plain "message" events too. */
const TOPICS = [
  'message',
  'case.reported',
  'case.received',
  'case.claimed',
  'case.released',
  'case.decided',
  'case.handed_over',
  'case.acknowledged',
  'case.passed_to_office',
  'case.acknowledged_from_jour',
  'case.refused',
  'case.forwarded',
  'case.returned',
  'case.assessed',
  'case.feedback_sent',
  'case.closed',
  'case.reopened',
  'case.updated',
  'case.question_asked',
  'case.question',
  'case.answer',
  'case.message',
  'message.question',
  'message.answer',
  'deadline.breached',
  'deadline.escalated',
  'information_request.sent',
  'information_request.acknowledged',
  'information_request.answered',
  'information_request.declined',
  'information_request.withdrawn',
  'case.party_added',
];

export const POLL_MS = 10_000;
const SAFETY_POLL_MS = 60_000;

export type LiveMode = 'connecting' | 'live' | 'polling';

export function useLiveRefresh(refresh: () => void, onEvent?: (event: LiveEvent) => void, options: { poll?: boolean } = {}): LiveMode {
  const poll = options.poll ?? true;
  const [mode, setMode] = useState<LiveMode>('connecting');
  const [proven, setProven] = useState(false);
  const refreshRef = useRef(refresh);
  const eventRef = useRef(onEvent);
  refreshRef.current = refresh;
  eventRef.current = onEvent;

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setMode('polling');
      return;
    }
    const source = new EventSource('/api/v1/events');
    const handle = (e: MessageEvent<string>) => {
      setProven(true);
      setMode('live');
      try {
        const payload = JSON.parse(e.data) as LiveEvent;
        eventRef.current?.(payload);
      } catch {
        // A frame that is not JSON still means something changed.
      }
      refreshRef.current();
    };
    for (const topic of TOPICS) source.addEventListener(topic, handle as EventListener);
    source.onopen = () => setMode('live');
    source.onerror = () => setMode('polling');
    return () => source.close();
  }, []);

  useEffect(() => {
    if (!poll) return;
    const every = mode === 'live' && proven ? SAFETY_POLL_MS : POLL_MS;
    const timer = setInterval(() => refreshRef.current(), every);
    return () => clearInterval(timer);
  }, [mode, proven, poll]);

  return mode;
}

/** A short beep through the Web Audio API (no sound file), for new cases when the user asked for it. */
export function beep(): void {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.2, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.4);
  osc.onended = () => void ctx.close();
}
