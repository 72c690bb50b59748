/** Document title for a page: "<page> · <app name>", both already translated by the loader. */
export function titleMeta(data: { pageTitle: string; appName: string } | undefined) {
  return [{ title: data ? `${data.pageTitle} · ${data.appName}` : "Recommendation Tracker" }];
}
