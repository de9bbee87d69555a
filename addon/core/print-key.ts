// What a template sheet's printed layout depends on besides the sheet itself: the widest word of each column's cells
// (`PlanColumn.longestWord`), which for a work plan follows the day of set-up through its derived statuses.
import type { SheetPlan } from '../../shared/workbook-plan';

export const printKey = (plan: SheetPlan): string => `${plan.name}|${plan.columns.map((c) => c.longestWord ?? '').join()}`;
