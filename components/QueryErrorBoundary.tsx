"use client";
// Catches what a live list throws (`usePaginatedQuery` throws a failed page) and shows
// it in words in place of the list, instead of the whole page's error screen.
import { Component, type ReactNode } from "react";
import { QueryErrorNotice } from "./QueryErrorNotice";

export class QueryErrorBoundary extends Component<
  { message: string; children: ReactNode },
  { error: Error | null }
> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    if (this.state.error) {
      return <QueryErrorNotice error={this.state.error} message={this.props.message} />;
    }
    return this.props.children;
  }
}
