// HTTP header names shared by server and web app. Kept free of zod so the web app can import
// it without pulling schema code (zod's eval probe would trip the Content-Security-Policy).

/** Response header with the seconds left before idle expiry, on every authenticated response. */
export const IDLE_SECONDS_HEADER = 'x-session-idle-seconds';
