import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { scrollParent } from './scrollParent.ts';

/** How close to the end still counts as reading the newest messages. */
const NEAR_END_PX = 80;

/**
 * A chat opens on its newest messages and follows new ones while the reader is at the end; someone
 * scrolled up into history stays where they are.
 */
export function useStickToBottom(list: RefObject<HTMLElement | null>, count: number): void {
  const atEnd = useRef(true);
  useEffect(() => {
    const scroller = list.current && scrollParent(list.current);
    if (!scroller) return;
    const onScroll = () => void (atEnd.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_END_PX);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => scroller.removeEventListener('scroll', onScroll);
  }, [list]);
  useLayoutEffect(() => {
    const scroller = list.current && scrollParent(list.current);
    if (scroller && count > 0 && atEnd.current) scroller.scrollTop = scroller.scrollHeight;
  }, [list, count]);
}
