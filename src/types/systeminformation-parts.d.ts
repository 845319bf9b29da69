// Only systeminformation's memory, CPU and graphics modules are bundled (the package root pulls in all of it);
// these declare the parts' exports with the package's own types.
declare module 'systeminformation/lib/memory' {
  export { mem, memLayout } from 'systeminformation';
}
declare module 'systeminformation/lib/cpu' {
  export { cpu } from 'systeminformation';
}
declare module 'systeminformation/lib/graphics' {
  export { graphics } from 'systeminformation';
}
