// Charts drawn as SVG on the server with d3's scales and stack layout: readable without
// JavaScript, printable, and sized by their viewBox so they shrink with the page. Each chart is
// a picture with a title for screen readers; the numbers themselves are in the table the page
// puts beside it. Series colours are CSS classes (app.css .chart-tone--*), paired with a legend.
import { scaleBand, scaleLinear } from 'd3-scale'
import { stack } from 'd3-shape'
import { useId } from 'react'

export type ChartTone = 'approved' | 'pending' | 'waitlisted' | 'rejected' | 'cancelled' | 'accent'
export type ChartSeries<Key extends string> = { key: Key; label: string; tone: ChartTone }
export type ChartCategory<Key extends string> = { key: string; label: string; values: Record<Key, number> }

const FONT = 13

/** Round, readable ticks from 0 to at least `max`. */
function ticksFor(max: number) {
  const scale = scaleLinear().domain([0, Math.max(1, max)]).nice(4)
  return { scale, ticks: scale.ticks(4).filter((tick) => Number.isInteger(tick)) }
}

function stacked<Key extends string>(categories: readonly ChartCategory<Key>[], series: readonly ChartSeries<Key>[]) {
  return stack<ChartCategory<Key>, Key>()
    .keys(series.map((entry) => entry.key))
    .value((category, key) => category.values[key])([...categories])
}

export function ChartLegend<Key extends string>({ series }: { series: readonly ChartSeries<Key>[] }) {
  if (series.length < 2) return null
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((entry) => (
        <li key={entry.key}>
          <span className={`chart-legend__swatch chart-tone--${entry.tone}`} />
          {entry.label}
        </li>
      ))}
    </ul>
  )
}

/**
 * Stacked columns, one per category along the bottom (days, hours). With many categories only
 * some are labelled: the first, the last and evenly spaced ones between.
 */
export function ColumnChart<Key extends string>({
  title,
  categories,
  series,
  width = 640,
  height = 260,
}: {
  title: string
  categories: readonly ChartCategory<Key>[]
  series: readonly ChartSeries<Key>[]
  /** The drawing's own units: text is FONT units high, so a narrower drawing shows larger text. */
  width?: number
  height?: number
}) {
  const titleId = useId()
  const margin = { top: 12, right: 12, bottom: 28, left: 44 }
  const layers = stacked(categories, series)
  const max = Math.max(0, ...categories.map((category) => series.reduce((sum, entry) => sum + category.values[entry.key], 0)))
  const { scale: y, ticks } = ticksFor(max)
  y.range([height - margin.bottom, margin.top])
  const x = scaleBand<number>()
    .domain(categories.map((_, index) => index))
    .range([margin.left, width - margin.right])
    .padding(categories.length > 40 ? 0.1 : 0.25)
  const labelEvery = Math.max(1, Math.ceil(categories.length / 8))
  const labelled = (index: number) => index === 0 || index === categories.length - 1 || (index % labelEvery === 0 && categories.length - 1 - index >= labelEvery / 2)
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{title}</title>
      {ticks.map((tick) => (
        <g key={tick} className="chart__grid">
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
          <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={FONT}>
            {tick.toLocaleString('en-GB')}
          </text>
        </g>
      ))}
      {layers.map((layer, layerIndex) => (
        <g key={layer.key} className={`chart-tone--${series[layerIndex]!.tone}`}>
          {layer.map(([from, to], index) =>
            to > from ? <rect key={index} x={x(index)} width={x.bandwidth()} y={y(to)} height={Math.max(0, y(from) - y(to))} className="chart__mark" /> : null,
          )}
        </g>
      ))}
      {categories.map((category, index) =>
        labelled(index) ? (
          <text key={category.key} x={x(index)! + x.bandwidth() / 2} y={height - margin.bottom + 18} textAnchor="middle" fontSize={FONT} className="chart__label">
            {category.label}
          </text>
        ) : null,
      )}
      <line className="chart__axis" x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} />
    </svg>
  )
}

/** Stacked bars, one per category down the side (countries, kinds), each with its total at the end. */
export function BarChart<Key extends string>({
  title,
  categories,
  series,
}: {
  title: string
  categories: readonly ChartCategory<Key>[]
  series: readonly ChartSeries<Key>[]
}) {
  const titleId = useId()
  // Narrower than the column chart: these sit beside their table, and on a phone their labels must stay readable.
  const width = 440
  const rowHeight = 26
  const margin = { top: 4, right: 44, bottom: 4, left: 168 }
  const height = margin.top + margin.bottom + rowHeight * Math.max(1, categories.length)
  const layers = stacked(categories, series)
  const max = Math.max(1, ...categories.map((category) => series.reduce((sum, entry) => sum + category.values[entry.key], 0)))
  const x = scaleLinear().domain([0, max]).range([margin.left, width - margin.right])
  const y = scaleBand<number>()
    .domain(categories.map((_, index) => index))
    .range([margin.top, height - margin.bottom])
    .padding(0.2)
  const clip = (label: string) => (label.length > 23 ? `${label.slice(0, 22)}…` : label)
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{title}</title>
      {categories.map((category, index) => (
        <text key={category.key} x={margin.left - 8} y={y(index)! + y.bandwidth() / 2} dy="0.32em" textAnchor="end" fontSize={FONT} className="chart__label">
          {clip(category.label)}
        </text>
      ))}
      {layers.map((layer, layerIndex) => (
        <g key={layer.key} className={`chart-tone--${series[layerIndex]!.tone}`}>
          {layer.map(([from, to], index) =>
            to > from ? <rect key={index} x={x(from)} width={Math.max(0, x(to) - x(from))} y={y(index)} height={y.bandwidth()} className="chart__mark" /> : null,
          )}
        </g>
      ))}
      {categories.map((category, index) => {
        const total = series.reduce((sum, entry) => sum + category.values[entry.key], 0)
        return (
          <text key={category.key} x={x(total) + 6} y={y(index)! + y.bandwidth() / 2} dy="0.32em" fontSize={FONT} className="chart__value">
            {total.toLocaleString('en-GB')}
          </text>
        )
      })}
      <line className="chart__axis" x1={margin.left} x2={margin.left} y1={margin.top} y2={height - margin.bottom} />
    </svg>
  )
}
