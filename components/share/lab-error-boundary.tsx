"use client";
/**
 * Keeps a failing lab from taking the page down: anything a lab throws while rendering is caught
 * here and shown as a message with a way back to a working lab. The rest of the page keeps working.
 */
import { Component, type ReactNode } from "react";

interface Props {
  children: ReactNode;
  /** What "start again" does (load the default lab). */
  onReset?: () => void;
  resetLabel?: string;
}

export class LabErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="rounded-xl border border-line bg-warn-soft p-4 text-sm" data-testid="lab-crashed">
        <p className="font-semibold">This lab stopped working.</p>
        <p className="mt-1 text-muted">{this.state.error.message.slice(0, 300)}</p>
        <button
          type="button"
          className="mt-3 rounded-md border border-line bg-surface px-2.5 py-1"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset?.();
          }}
        >
          {this.props.resetLabel ?? "Try again"}
        </button>
      </div>
    );
  }
}
