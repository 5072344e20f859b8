import { Component, type ComponentChildren } from 'preact';

export interface ErrorBoundaryProps {
  children: ComponentChildren;
  /** Called once per caught error (the panel host logs it with its id and the URL). */
  onError?: (error: unknown) => void;
  /** Renders the notice shown instead of the children. */
  fallback: (message: string) => ComponentChildren;
}

/** Contains a render (or effect) failure to this subtree: the rest of the page keeps working. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: unknown }> {
  override state = { error: undefined as unknown };

  static override getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    this.props.onError?.(error);
  }

  override render() {
    const { error } = this.state;
    if (error !== undefined) {
      const message = error instanceof Error ? error.message : String(error);
      return this.props.fallback(message);
    }
    return this.props.children;
  }
}
