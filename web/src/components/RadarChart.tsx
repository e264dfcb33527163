import { useEffect, useRef } from 'react';
import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from 'chart.js';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

export interface RadarSeries {
  label: string;
  values: number[];
  color: string;
}

/** A radar chart on a canvas; the numbers it draws are also in the table beside it, for whoever cannot see it. */
export function RadarChart({ labels, series, label }: { labels: string[]; series: RadarSeries[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'radar'> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'radar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: true,
        scales: { r: { min: 0, max: 4, ticks: { stepSize: 1, backdropColor: 'transparent' } } },
      },
    });
    return () => chart.current?.destroy();
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data.labels = labels;
    current.data.datasets = series.map((entry) => ({
      label: entry.label,
      data: entry.values,
      borderColor: entry.color,
      backgroundColor: `${entry.color}33`,
      fill: true,
    }));
    current.update();
  }, [labels, series]);

  return <canvas ref={canvas} role="img" aria-label={label} data-testid="radar" />;
}
