// Installs Debian's Ceph packages once per Vitest run, before any test file starts a cluster: parallel
// test files would otherwise each run apt-get at the same time, and apt-get update fails outright when
// another one holds its lock.
import { ensureCephInstalled } from "./ceph-rgw-server";

/**
 * Vitest global setup: makes sure ceph-mon, ceph-osd and radosgw are installed. Each test file still starts
 * its own cluster with startCephRgw (about 2 s). Set TEST_CEPH=off to skip both.
 */
export default async function setup(): Promise<void> {
  if (process.env.TEST_CEPH === "off") return;
  await ensureCephInstalled();
}
