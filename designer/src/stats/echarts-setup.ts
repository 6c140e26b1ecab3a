import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the charts the dashboard draws: keeps the statistics chunk small. SVG prints crisply.
use([BarChart, LineChart, RadarChart, DatasetComponent, GridComponent, LegendComponent, RadarComponent, TooltipComponent, SVGRenderer]);
