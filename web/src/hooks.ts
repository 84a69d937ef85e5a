// The few hooks every screen shares: loading data, running an action, naming the page.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type Catalog } from './api';

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'client', 'Something went wrong. Please try again.');
}

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  /** Replaces the loaded data, e.g. with what a mutation returned. */
  set: (data: T) => void;
}

/** Loads `load()` now and whenever `deps` change; a late answer to an older load is dropped. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    load().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (e: unknown) => {
        if (ticket !== latest.current) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    // `load` is rebuilt on every render; `deps` say when it really changed.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((value: T) => setData(() => value), []);
  return { data, error, loading, reload, set };
}

/** The catalog (GET /api/v1/catalog); lookups in it are in catalog.ts. */
export function useCatalog(): Resource<Catalog> {
  return useResource(api.catalog, []);
}

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: ApiError | null;
  clearError: () => void;
}

/** Wraps a call made on a person's request: tracks busy state and keeps the last error. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn(...args);
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clearError: () => setError(null) };
}

/** Sets the document title while the screen is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Pillars` : 'Pillars';
  }, [title]);
}

/**
 * A two-step confirm ("End this bond…" → "End your bond?"): focus follows the step, to the
 * question when it opens and back to the button that opened it when the person keeps things as
 * they are. Put `question` on the question's heading (tabIndex -1) and `opener` around the button.
 */
export function useConfirmStep() {
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (opened.current) opener.current?.querySelector('button')?.focus();
    opened.current = opened.current || confirming;
  }, [confirming]);
  return { confirming, setConfirming, question, opener };
}
