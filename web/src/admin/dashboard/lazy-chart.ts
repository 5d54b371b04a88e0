import { defineAsyncComponent, h } from 'vue';

/**
 * ECharts is about 300 kB: it loads with the first chart on screen, into the `charts`
 * chunk of vite.config.ts. Until then a box of the same height keeps the layout still.
 */
export const LazyChart = defineAsyncComponent({
  loader: () => import('./EChart.vue'),
  loadingComponent: { render: () => h('div', { class: 'chart-loading', 'aria-hidden': 'true' }) },
  delay: 0,
});
