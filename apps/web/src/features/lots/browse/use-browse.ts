import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type BrowseState, parseBrowse, toParams, writePoint } from '../browse-params.ts';

/** Values typed by hand: kept locally and written to the URL once the user pauses. */
export interface Draft {
  q: string;
  maxPriceEur: number | null;
  minLengthCm: number | null;
  minWidthCm: number | null;
  minThicknessMm: number | null;
  minQuantity: number | null;
}

const draftOf = (s: BrowseState): Draft => ({
  q: s.q,
  maxPriceEur: s.maxPriceEur,
  minLengthCm: s.minLengthCm,
  minWidthCm: s.minWidthCm,
  minThicknessMm: s.minThicknessMm,
  minQuantity: s.minQuantity,
});

const emptyDraft: Draft = {
  q: '',
  maxPriceEur: null,
  minLengthCm: null,
  minWidthCm: null,
  minThicknessMm: null,
  minQuantity: null,
};

/** Equal as far as the URL is concerned (the search text is trimmed there). */
const sameDraft = (a: Draft, b: Draft) =>
  JSON.stringify({ ...a, q: a.q.trim() }) === JSON.stringify({ ...b, q: b.q.trim() });

/**
 * The browse state lives in the URL; typed values (search text, numbers) are kept as a draft
 * and written once the user pauses, and the radius slider moves freely until released.
 */
export function useBrowse() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseBrowse(params), [params]);

  const update = (patch: Partial<BrowseState>) =>
    setParams(toParams({ ...parseBrowse(params), ...patch }), { replace: true });

  const [draft, setDraft] = useState<Draft>(() => draftOf(state));
  const [debouncedDraft] = useDebouncedValue(draft, 400);
  // Typing → URL, once the user pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced draft drives the URL
  useEffect(() => {
    if (!sameDraft(draftOf(parseBrowse(params)), debouncedDraft)) update(debouncedDraft);
  }, [debouncedDraft]);
  // URL → fields, when it changes from elsewhere (a link, the back button).
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the URL only
  useEffect(() => {
    const fromUrl = draftOf(state);
    if (!sameDraft(fromUrl, debouncedDraft)) setDraft(fromUrl);
  }, [params]);

  const [radius, setRadius] = useState(state.radiusKm);
  useEffect(() => setRadius(state.radiusKm), [state.radiusKm]);

  const reset = () => {
    setDraft(emptyDraft);
    const next = new URLSearchParams();
    writePoint(next, state.point);
    setParams(next, { replace: true });
  };

  return { params, state, update, draft, setDraft, radius, setRadius, reset };
}

export type Browse = ReturnType<typeof useBrowse>;
