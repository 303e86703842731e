// Imported first by main.tsx. zod compiles object parsers with `new Function` unless told not
// to, and merely probing for that is reported as a violation of the app's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval'). The web app parses little,
// so the interpreted parsers cost nothing noticeable.
import { config } from 'zod';

config({ jitless: true });
