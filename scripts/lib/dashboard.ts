import { asList, asObject, asString, each, property, text } from './cfn';
import type { CfnValue, Resource, Stacks } from './templates';

/**
 * The stage's CloudWatch dashboard as the packaged template holds it (services/platform/observability):
 * its widgets, for the template rules, and its picture, for docs/operations.md (a test keeps the
 * picture in the doc equal to the one drawn from the template).
 */

export interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title?: string; metrics?: CfnValue[]; alarms?: string[] };
}

/** The dashboard named `estore-<stage>`, as `[stack, logical id, resource]`, if the stage has one. */
export function stageDashboard(stacks: Stacks, stage: string): [string, string, Resource] | undefined {
  return each(stacks, 'AWS::CloudWatch::Dashboard').find(
    ([, , dashboard]) => text(property(dashboard, 'DashboardName')) === `estore-${stage}`,
  );
}

/**
 * The widgets of a dashboard. Its body is a JSON document inside a `Fn::Sub` whose variables
 * (`${AWS::Region}`, `${ApiId}`, an alarm's `${Id.Arn}`) only ever stand inside JSON strings, so
 * the source parses as it is.
 */
export function widgetsOf(dashboard: Resource): Widget[] {
  const body = JSON.parse(text(property(dashboard, 'DashboardBody'))) as { widgets?: Widget[] };
  return body.widgets ?? [];
}

/** What a widget charts, as text: its metrics (names, dimensions, SEARCH expressions) and alarms; not its title. */
export const widgetSubjects = (widget: Widget): string =>
  JSON.stringify({ metrics: widget.properties.metrics, alarms: widget.properties.alarms });

/** A metric row's metric name, or its expression. */
function subject(row: CfnValue): string {
  const items = asList(row);
  const expression = asString(asObject(items[0])?.expression);
  const expressionLabel = asString(asObject(items[0])?.label);
  if (expression) return `${expressionLabel ? `${expressionLabel}: ` : ''}\`${expression.replace(/\|/g, '\\|')}\``;
  const options = asObject(items[items.length - 1]);
  const names = items.filter((item) => typeof item === 'string') as string[];
  const [namespace, metric, ...dimensions] = names;
  const label = asString(options?.label);
  const pairs = dimensions.flatMap((name, index) => (index % 2 === 0 ? [`${name}=${dimensions[index + 1]}`] : []));
  const where = pairs.length > 0 ? ` (${pairs.join(', ')})` : '';
  return `${namespace} ${metric}${where}${label ? ` as "${label}"` : ''}`;
}

/**
 * The dashboard as a markdown table, one line per widget in reading order (row by row, left to
 * right), with its place on the 24-column grid and what it charts, for any stage.
 */
export function dashboardPicture(widgets: Widget[], stage: string): string {
  const sorted = [...widgets].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows = [...new Set(sorted.map((widget) => widget.y))];
  const lines = [
    '| Row | Columns | Widget | Shows |',
    '| --- | --- | --- | --- |',
    ...sorted.map((widget) => {
      const shows =
        widget.type === 'alarm'
          ? `alarm states: ${(widget.properties.alarms ?? []).map((arn) => arn.replace(/^\$\{(\w+)\.Arn\}$/, '$1')).join(', ')}`
          : (widget.properties.metrics ?? []).map(subject).join('<br>');
      const columns = `${widget.x + 1}-${widget.x + widget.width}`;
      return `| ${rows.indexOf(widget.y) + 1} | ${columns} | ${widget.properties.title ?? widget.type} | ${shows} |`;
    }),
  ];
  // Names that hold the stage (`estore-order-dev-dlq`) are drawn for any stage.
  return lines.join('\n').replaceAll(`-${stage}-`, '-<stage>-');
}
