/**
 * The world's transport-free request and response. Every emulated service is a function
 * from WorldRequest to WorldResponse, so tests call them in-process and the Graph `$batch`
 * handler routes its sub-requests through the same function.
 */
export interface WorldRequest {
  method: string;
  /** Full URL, with the real hostname (e.g. https://graph.microsoft.com/v1.0/users). */
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Request body as text ('' when none). */
  body: string;
}

export interface WorldResponse {
  status: number;
  /** Header names as sent. */
  headers: Record<string, string>;
  body: string;
  /** When set, the server waits this long before answering (added latency, timeouts). */
  delayMs?: number;
  /** When true, the server destroys the socket instead of answering (a dropped connection). */
  drop?: boolean;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): WorldResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): WorldResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}
