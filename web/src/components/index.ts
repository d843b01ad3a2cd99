// The console's shared components, used by more than one page. Chart is imported from './Chart' directly:
// only the lazily loaded dashboard needs it, and ECharts should stay out of the main bundle.
export { CursorPager, type CursorStack } from './CursorPager';
export { TermMonthsItem } from './FormItems';
export { Loadable } from './Loadable';
export { Reasons } from './Reasons';
export { SearchBox } from './SearchBox';
