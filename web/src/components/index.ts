// The console's shared components, used by more than one page. Chart is imported from './Chart' directly:
// only the lazily loaded dashboard needs it, and ECharts should stay out of the main bundle.
export { CardRow } from './CardRow';
export { ConfirmButton } from './ConfirmButton';
export { CursorPager } from './CursorPager';
export { FilterSelect } from './FilterSelect';
export { AMOUNT_MAX, FinancingAmountItem, NumberItem, TermMonthsItem, TextAreaItem, TextItem } from './FormItems';
export { FormModal, InlineError } from './FormModal';
export { ListTable } from './ListTable';
export { Loadable } from './Loadable';
export { EdgeTable, PagedLoadable, type Connection } from './PagedLoadable';
export { OneTimeSecretModal, type OneTimeSecret } from './OneTimeSecretModal';
export { Reasons } from './Reasons';
export { RefreshButton } from './RefreshButton';
export { ShortId, StatusTag, TagList } from './Tags';
export { SearchBox } from './SearchBox';
