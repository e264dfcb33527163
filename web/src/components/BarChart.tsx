import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

/** A bar chart (stacked when asked) on a canvas; the page shows the same numbers in a table beside it. */
export function BarChart({ labels, series, label, stacked = false, testId }: { labels: string[]; series: BarSeries[]; label: string; stacked?: boolean; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: series.map((entry) => ({ label: entry.label, data: entry.values, backgroundColor: entry.color })) },
      options: {
        animation: false,
        responsive: true,
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, stacked]);
  return <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />;
}
