import { useState } from 'preact/hooks';
import type { PanelActions } from '../panels/panel';
import { S } from '../panels/strings';

/** "Sign in to Microsoft": starts the interactive sign-in through the background. */
export function SignInButton({ actions }: { actions: PanelActions }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await actions.signIn();
      if (!result.ok) setError(result.error);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="tl-action">
      <button
        type="button"
        class="tl-button tl-primary"
        onClick={onClick}
        disabled={busy}
        aria-busy={busy}
      >
        {S.signIn}
      </button>
      {busy && (
        <span class="tl-muted" role="status">
          {' '}
          {S.signingIn}
        </span>
      )}
      {error && (
        <span class="tl-error-text" role="alert">
          {' '}
          {S.signInFailed(error)}
        </span>
      )}
    </span>
  );
}
