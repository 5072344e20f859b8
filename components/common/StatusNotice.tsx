import type { ComponentChildren } from 'preact';
import type { SourceStatus } from '../../lib/graph/types';
import type { PanelActions } from '../panels/panel';
import { S } from '../panels/strings';
import { ExternalLink } from './ExternalLink';
import { SignInButton } from './SignInButton';

export type NoticeTone = 'info' | 'warning' | 'error';

/** A message, its tone, and what the user can do about it. */
export function Notice({ tone, children }: { tone: NoticeTone; children: ComponentChildren }) {
  return (
    <div class={`tl-notice tl-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The message and tone for a non-ok source status (pure; tested). */
export function describeStatus(status: SourceStatus): { tone: NoticeTone; message: string } | null {
  switch (status.state) {
    case 'ok':
      return null;
    case 'forbidden': {
      if (status.permission && status.role)
        return { tone: 'warning', message: S.forbiddenPermissionAndRole(status.permission, status.role) };
      const what = status.permission ?? (status.role ? S.roleNamed(status.role) : null);
      return { tone: 'warning', message: S.forbidden(what, status.message) };
    }
    case 'unlicensed':
      return { tone: 'info', message: S.unlicensed(status.licence) };
    case 'throttled':
      return { tone: 'warning', message: S.throttled(status.retryAfterSeconds) };
    case 'consent-required':
      return { tone: 'warning', message: S.consentRequired };
    case 'sign-in-needed':
      return { tone: 'warning', message: S.signInNeeded };
    case 'disabled':
      return { tone: 'info', message: S.sourceDisabled };
    case 'error':
      return {
        tone: 'error',
        message: S.graphError(status.code ? `${status.code}: ${status.message}` : status.message),
      };
  }
}

/** Maps a SourceStatus to a notice with its action (consent link, sign-in button). */
export function StatusNotice({ status, actions }: { status: SourceStatus; actions: PanelActions }) {
  const d = describeStatus(status);
  if (!d) return null;
  return (
    <Notice tone={d.tone}>
      <span>{d.message}</span>
      {status.state === 'consent-required' && (
        <>
          {' '}
          <ExternalLink class="tl-link" href={status.consentUrl}>
            {S.grantConsent}
          </ExternalLink>
        </>
      )}
      {status.state === 'sign-in-needed' && (
        <>
          {' '}
          <SignInButton actions={actions} />
        </>
      )}
    </Notice>
  );
}
