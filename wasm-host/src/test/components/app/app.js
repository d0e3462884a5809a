// The JavaScript component: its import mosaic:calc/ops is bound to the C component's export.
import { add, concat, sum } from 'mosaic:calc/ops@0.1.0';

export function run(name) {
  return `${concat('hello, ', name)}: ${add(2, 3)} ${sum([1, 2, 3, 4])}`;
}
