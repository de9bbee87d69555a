// The dashboard's stylesheet: a chart's column holds the chart at the size it was drawn, frame and all.
import { describe, expect, it } from 'vitest';
import { DASHBOARD_CHART_WIDTH, DASHBOARD_CSS } from '../../../sync/dashboard/dashboard-style';

const PX_PER_REM = 16;
const rule = (selector: string) => DASHBOARD_CSS.match(new RegExp(`^${selector} \\{([^}]*)\\}`, 'm'))![1];

describe('the dashboard stylesheet', () => {
  it('makes a column of charts as wide as the drawing plus its figure\'s padding and border, to the next quarter rem', () => {
    const figure = rule('figure');
    const padding = Number(/padding: ([\d.]+)rem/.exec(figure)![1]) * PX_PER_REM;
    const border = Number(/border: (\d+)px/.exec(figure)![1]);
    const column = Number(/minmax\(min\(100%, ([\d.]+)rem\)/.exec(rule('\\.charts'))![1]) * PX_PER_REM;
    const framed = DASHBOARD_CHART_WIDTH + 2 * (padding + border);
    expect(column).toBeGreaterThanOrEqual(framed);
    expect(column - framed).toBeLessThan(PX_PER_REM / 4);
  });

  it('lets a chart with a column to itself show larger than drawn, but not as wide as two columns', () => {
    const max = Number(/max-width: (\d+)px/.exec(rule('svg\\.chart\\.wide'))![1]);
    expect(max).toBeGreaterThan(DASHBOARD_CHART_WIDTH);
    expect(max).toBeLessThan(2 * DASHBOARD_CHART_WIDTH);
  });
});
