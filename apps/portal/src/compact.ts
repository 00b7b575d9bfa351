import { Grid } from 'antd';

/**
 * Below the `md` breakpoint (768 px: a phone, held upright or across) pages lay their lists out as cards
 * instead of tables, stack their form fields, and make controls touch-sized (antd's large size, 40 px).
 * Supplier sales staff answer orders from the shop floor.
 */
export function useCompact(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: take the viewport's width.
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
}
