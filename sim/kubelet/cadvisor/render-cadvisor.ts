import type { NodeStats } from '../node-stats.ts';
import type { NodeMachine } from '../node-machine.ts';
import type { NodeSoftwareInfo } from '../node-object.ts';
import { CONTAINER_FAMILIES } from './container-families.ts';
import { formatSampleValue as v, label } from './prometheus-format.ts';

type Header = readonly [name: string, help: string, type: 'counter' | 'gauge'];

const header = ([name, help, type]: Header, out: string[]) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

/**
 * The kubelet's /metrics/cadvisor text for one sample: families sorted by name, each with HELP and TYPE,
 * families without series left out, as client_golang writes them. Built as an array of lines joined once.
 */
export function renderCadvisor(stats: NodeStats, software: NodeSoftwareInfo): string {
  const out: string[] = [];
  header(['cadvisor_version_info', "A metric with a constant '1' value labeled by kernel version, OS version, docker version, cadvisor version & cadvisor revision.", 'gauge'], out);
  out.push(
    `cadvisor_version_info{${label('cadvisorRevision', '')},${label('cadvisorVersion', '')},${label('dockerVersion', software.dockerVersion)},` +
      `${label('kernelVersion', software.kernelVersion)},${label('osVersion', software.osImage)}} 1`,
  );

  const ts = ` ${stats.timeMs}`;
  const sampleSeconds = Math.floor(stats.timeMs / 1000);
  for (const family of CONTAINER_FAMILIES) {
    const start = out.length;
    header([family.name, family.help, family.type], out);
    for (const cgroup of stats.cgroups) family.write(cgroup, ts, out, sampleSeconds);
    if (out.length === start + 2) out.length = start;
    if (family.name === 'container_processes') writeScrapeError(out);
  }
  writeMachineFamilies(stats.machine, out);
  out.push('');
  return out.join('\n');
}

/** container_scrape_error sorts between container_processes and container_sockets. */
function writeScrapeError(out: string[]): void {
  header(['container_scrape_error', '1 if there was an error while getting container metrics, 0 otherwise', 'gauge'], out);
  out.push('container_scrape_error 0');
}

function writeMachineFamilies(machine: NodeMachine, out: string[]): void {
  const ids = `${label('boot_id', machine.bootId)},${label('machine_id', machine.machineId)},${label('system_uuid', machine.systemUuid)}`;
  const gauge = (name: string, help: string, value: number) => {
    header([name, help, 'gauge'], out);
    out.push(`${name}{${ids}} ${v(value)}`);
  };
  gauge('machine_cpu_cores', 'Number of logical CPU cores.', machine.cpuCores);
  gauge('machine_cpu_physical_cores', 'Number of physical CPU cores.', Math.max(1, Math.floor(machine.cpuCores / 2)));
  gauge('machine_cpu_sockets', 'Number of CPU sockets.', 1);
  gauge('machine_memory_bytes', 'Amount of memory installed on the machine.', machine.memoryBytes);
  gauge('machine_nvm_avg_power_budget_watts', 'NVM power budget.', 0);
  header(['machine_nvm_capacity', 'NVM capacity value labeled by NVM mode (memory mode or app direct mode).', 'gauge'], out);
  const [bootId, machineId, systemUuid] = [label('boot_id', machine.bootId), label('machine_id', machine.machineId), label('system_uuid', machine.systemUuid)];
  out.push(
    `machine_nvm_capacity{${bootId},${machineId},mode="app_direct_mode",${systemUuid}} 0`,
    `machine_nvm_capacity{${bootId},${machineId},mode="memory_mode",${systemUuid}} 0`,
  );
  header(['machine_scrape_error', '1 if there was an error while getting machine metrics, 0 otherwise.', 'gauge'], out);
  out.push('machine_scrape_error 0');
}
