// A group's evidence files of one cycle as the school's pages keep them: the list (`GET …/evidence`), each new
// upload followed from PENDING to VERIFIED or REJECTED without a reload (usePolling), withdrawal, and the file
// being previewed (its record, with the 5-minute download URL).
import { effectScope, onScopeDispose, ref, shallowRef } from "vue";
import type { Problem } from "../../api/client";
import {
  isFinalStatus, ProblemError, type DeclaredEvidence, type Evidence, type EvidenceApi, type EvidenceRecord,
} from "../../api/evidence";
import { usePolling } from "../../composables/usePolling";

export function useGroupEvidence() {
  const items = shallowRef<Evidence[]>([]);
  const problem = ref<Problem>();
  const previewing = shallowRef<EvidenceRecord>();
  const scope = effectScope();
  let evidence: EvidenceApi | undefined;
  onScopeDispose(() => scope.stop());

  function problemOf(e: unknown): Problem {
    return e instanceof ProblemError ? e.problem : {
      type: "urn:groupeval:problem:unavailable", title: "Error", status: 503, detail: String(e),
    };
  }

  function put(record: Evidence): void {
    const known = items.value.some((e) => e.evidenceId === record.evidenceId);
    items.value = known ? items.value.map((e) => (e.evidenceId === record.evidenceId ? record : e))
      : [...items.value, record];
  }

  function follow(evidenceId: string): void {
    if (!evidence) return;
    const source = evidence;
    scope.run(() => {
      const polling = usePolling(() => source.get(evidenceId), {
        isFinal: (r) => isFinalStatus(r.status), onValue: (r) => put(withoutUrls(r)),
      });
      polling.start();
    });
  }

  async function load(api: EvidenceApi): Promise<void> {
    evidence = api;
    problem.value = undefined;
    try {
      items.value = await api.list();
      items.value.filter((e) => e.status === "PENDING").forEach((e) => follow(e.evidenceId));
    } catch (e) {
      problem.value = problemOf(e);
    }
  }

  /** A file the uploader stored: listed at once as PENDING and followed until checked. */
  function uploaded(declared: DeclaredEvidence): void {
    put(withoutUrls(declared));
    follow(declared.evidenceId);
  }

  async function withdraw(file: Evidence): Promise<boolean> {
    if (!evidence) return false;
    problem.value = undefined;
    try {
      await evidence.withdraw(file.evidenceId);
      items.value = items.value.filter((e) => e.evidenceId !== file.evidenceId);
      return true;
    } catch (e) {
      problem.value = problemOf(e);
      return false;
    }
  }

  async function preview(file: Evidence): Promise<void> {
    if (!evidence) return;
    problem.value = undefined;
    try {
      previewing.value = await evidence.get(file.evidenceId);
    } catch (e) {
      problem.value = problemOf(e);
    }
  }

  function ofIndicator(indicatorId: string): Evidence[] {
    return items.value.filter((e) => e.indicatorId === indicatorId && e.status !== "WITHDRAWN");
  }

  return { items, problem, previewing, load, uploaded, withdraw, preview, ofIndicator };
}

/** The record as the list shows it (no upload or download URL kept). */
function withoutUrls(record: Evidence & { uploadUrl?: string; uploadHeaders?: unknown; expiresAt?: string;
  downloadUrl?: string }): Evidence {
  const { uploadUrl: _u, uploadHeaders: _h, expiresAt: _e, downloadUrl: _d, ...rest } = record;
  return rest;
}

export type GroupEvidence = ReturnType<typeof useGroupEvidence>;
