import type { Ref } from 'react';

interface Props {
  message: string;
  /** Server messages no field of the form owns, listed under the general message. */
  general: string[];
  ref: Ref<HTMLDivElement>;
}

/** The alert at the top of a directory form; it takes focus so keyboard and screen-reader users land on it. */
export function ErrorSummary({ message, general, ref }: Props) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error">{message}</p>
      {general.length > 0 && (
        <ul>
          {general.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
