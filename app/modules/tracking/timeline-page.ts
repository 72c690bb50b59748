/** How many timeline entries the recommendation page shows before "show the earlier ones". */
export const TIMELINE_PAGE = 50;
