// One message catalogue for user-facing text. Swedish first; English available. Keys for error
// codes are the codes themselves, so server and client show the same words for the same fault.
import type { ErrorCode } from './errors.ts';

export type Locale = 'sv' | 'en';

export const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  sv: {
    VALIDATION_FAILED: 'Uppgifterna är inte giltiga. Kontrollera de markerade fälten.',
    MALFORMED_BODY: 'Begäran kunde inte läsas: innehållet är inte giltig JSON.',
    BAD_REQUEST: 'Begäran är felaktigt utformad.',
    UNAUTHENTICATED: 'Du är inte inloggad eller din session har gått ut. Logga in igen.',
    INVALID_CREDENTIALS: 'Fel användarnamn eller lösenord.',
    FORBIDDEN: 'Du har inte behörighet till detta.',
    CSRF_REJECTED: 'Begäran avvisades av säkerhetsskäl. Ladda om sidan och försök igen.',
    NOT_FOUND: 'Det du söker finns inte, eller så saknar du behörighet att se det.',
    METHOD_NOT_ALLOWED: 'Åtgärden stöds inte här.',
    NOT_ACCEPTABLE: 'Svarsformatet stöds inte.',
    CONFLICT: 'Någon annan har ändrat detta samtidigt. Ladda om och försök igen.',
    INVALID_STATE: 'Åtgärden går inte att göra i ärendets nuvarande läge.',
    PRECONDITION_FAILED: 'Uppgifterna har ändrats sedan du hämtade dem. Ladda om och försök igen.',
    PAYLOAD_TOO_LARGE: 'Det du skickade är för stort.',
    UNSUPPORTED_MEDIA_TYPE: 'Formatet på det du skickade stöds inte (använd JSON).',
    RATE_LIMITED: 'För många försök. Vänta en stund och försök igen.',
    INTERNAL: 'Ett oväntat fel inträffade. Försök igen; kvarstår felet, kontakta support.',
    SERVICE_UNAVAILABLE: 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.',
  },
  en: {
    VALIDATION_FAILED: 'The data is not valid. Check the marked fields.',
    MALFORMED_BODY: 'The request could not be read: the body is not valid JSON.',
    BAD_REQUEST: 'The request is malformed.',
    UNAUTHENTICATED: 'You are not logged in or your session has expired. Log in again.',
    INVALID_CREDENTIALS: 'Wrong username or password.',
    FORBIDDEN: 'You are not allowed to do this.',
    CSRF_REJECTED: 'The request was rejected for security reasons. Reload the page and try again.',
    NOT_FOUND: 'Not found, or you are not allowed to see it.',
    METHOD_NOT_ALLOWED: 'This action is not supported here.',
    NOT_ACCEPTABLE: 'The requested response format is not supported.',
    CONFLICT: 'Someone else changed this at the same time. Reload and try again.',
    INVALID_STATE: 'This action is not possible in the current state.',
    PRECONDITION_FAILED: 'This has changed since you loaded it. Reload and try again.',
    PAYLOAD_TOO_LARGE: 'What you sent is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'The format of what you sent is not supported (use JSON).',
    RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
    INTERNAL: 'An unexpected error occurred. Try again; if it persists, contact support.',
    SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Try again shortly.',
  },
};

export function errorMessage(code: ErrorCode, locale: Locale = 'sv'): string {
  return errorMessages[locale][code];
}

/** Text of the web app's screens. */
export const uiText = {
  sv: {
    appName: 'envagin',
    appTagline: 'En väg in – från Polisens ROC till socialtjänsten i Stockholms län',
    loginHeading: 'Logga in',
    username: 'Användarnamn',
    password: 'Lösenord',
    logIn: 'Logga in',
    loggingIn: 'Loggar in…',
    logOut: 'Logga ut',
    loading: 'Laddar…',
    demoNotice: 'Demoläge: alla uppgifter är påhittade. Demoanvändare har lösenordet envagin-demo.',
    onDutyAs: 'I tjänst som',
    startHeading: 'Startsida',
    welcome: 'Välkommen',
    organisation: 'Organisation',
    role: 'Roll',
    clock: 'Klockan',
    fieldRequired: 'Fältet måste fyllas i.',
    skipToContent: 'Hoppa till innehållet',
    nextStepsHeading: 'Din arbetsyta',
  },
  en: {
    appName: 'envagin',
    appTagline: 'One way in – from the Police ROC to the social services of Stockholm county',
    loginHeading: 'Log in',
    username: 'Username',
    password: 'Password',
    logIn: 'Log in',
    loggingIn: 'Logging in…',
    logOut: 'Log out',
    loading: 'Loading…',
    demoNotice: 'Demo mode: all data is fictional. Demo users have the password envagin-demo.',
    onDutyAs: 'On duty as',
    startHeading: 'Start page',
    welcome: 'Welcome',
    organisation: 'Organisation',
    role: 'Role',
    clock: 'Time',
    fieldRequired: 'This field is required.',
    skipToContent: 'Skip to content',
    nextStepsHeading: 'Your workspace',
  },
} satisfies Record<Locale, Record<string, string>>;

export type UiKey = keyof (typeof uiText)['sv'];
