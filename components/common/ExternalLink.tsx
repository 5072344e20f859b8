import type { ComponentChildren } from 'preact';

/**
 * The URL if it is http(s), else null. Hrefs scraped from the page are untrusted: a
 * `javascript:` link must never become one of ours.
 */
export function safeHttpUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link opened in a new tab without giving the new page a handle on this one. */
export function ExternalLink({
  href,
  children,
  class: cls,
}: {
  href: string | null | undefined;
  children: ComponentChildren;
  class?: string;
}) {
  const safe = safeHttpUrl(href);
  if (!safe) return <span class={cls}>{children}</span>;
  return (
    <a class={cls} href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
