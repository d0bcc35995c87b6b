import { useSearchParams } from 'react-router';

/**
 * One filter of a page kept in the URL's query string (so a link shows the same rows): its value,
 * and a setter that replaces the history entry; an empty value removes the parameter.
 */
export function useSearchParam(name: string): [string | null, (value: string | null | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string | null | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [params.get(name) || null, set];
}
