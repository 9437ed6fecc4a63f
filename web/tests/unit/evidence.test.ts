// The evidence upload as the browser does it, against a fake of the browser's network (fetch for the API,
// XMLHttpRequest for the presigned PUT): limits before upload, hashing, declaration, upload with progress,
// field errors, status polling, withdrawal and preview.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { effectScope, nextTick } from "vue";
import { mount } from "@vue/test-utils";
import { createApiClient } from "@/api/client";
import { evidenceApi, isFinalStatus, type Evidence, type EvidenceRecord } from "@/api/evidence";
import { usePolling } from "@/composables/usePolling";
import EvidenceList from "@/components/evidence/EvidenceList.vue";
import EvidenceUploader from "@/components/evidence/EvidenceUploader.vue";
import FilePreview from "@/components/evidence/FilePreview.vue";
import { sha256File } from "@/utils/sha256";
import { putToPresignedUrl, type UploadOptions } from "@/utils/upload";
import { inProcessWorker } from "./workers";
import { flush } from "./sheetDriver";

const GROUP = "g-01kexamp1e0000000000000000";
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const PDF_SHA = "0".repeat(64);

interface Call { method: string; url: string; headers: Headers; body: unknown }

/** The API as the browser's fetch sees it: each answer queued for the next request. */
function fakeApi(answers: { status: number; body?: unknown }[]) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (request: Request) => {
    const text = await request.text();
    calls.push({ method: request.method, url: request.url, headers: request.headers, body: text ? JSON.parse(text) : undefined });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected ${request.method} ${request.url}`);
    const problem = answer.status >= 400;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": problem ? "application/problem+json" : "application/json" },
    });
  });
  return calls;
}

/** XMLHttpRequest as S3 answers a presigned PUT: progress in two steps, then the status given. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static status = 200;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = "";
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) { this.method = method; this.url = url; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  abort() { this.onabort?.(); }
  send(body: Blob) {
    this.body = body;
    FakeXhr.sent.push(this);
    setTimeout(() => {
      this.upload.onprogress?.({ loaded: Math.floor(body.size / 2), total: body.size, lengthComputable: true } as ProgressEvent);
      this.upload.onprogress?.({ loaded: body.size, total: body.size, lengthComputable: true } as ProgressEvent);
      this.status = FakeXhr.status;
      this.responseText = FakeXhr.status === 200 ? "" : "<Error><Code>BadDigest</Code><Message>The digest did not match</Message></Error>";
      this.onload?.();
    });
  }
}

function record(over: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return {
    evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6t", groupId: GROUP, year: 2026, indicatorId: "A01", title: "集团章程",
    materialNumber: "A01-01", fileName: "集团章程.pdf", contentType: "application/pdf", size: PDF.length,
    sha256: PDF_SHA, status: "PENDING", declaredAt: "2026-04-01T02:00:00Z", declaredBy: "user-s001", ...over,
  };
}

const hashFile = (file: File, onProgress: (l: number, t: number) => void) =>
  sha256File(file, { onProgress, chunkSize: 16, createWorker: () => inProcessWorker() });

function uploader(calls = fakeApi([]), extra: Record<string, unknown> = {}) {
  const api = evidenceApi(createApiClient("http://api.test", () => "token-1"), GROUP, 2026);
  const wrapper = mount(EvidenceUploader, {
    attachTo: document.body,
    props: { api, indicatorId: "A01", usedCount: 298, usedNumbers: ["A01-01"], hashFile,
      limits: { allowedTypes: ["pdf", "jpg", "png"], maxBytes: 1000, maxFiles: 300 }, ...extra },
  });
  return { wrapper, calls };
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i += 1) {
    await new Promise((r) => setTimeout(r, 0));
    await nextTick();
  }
  expect(check()).toBe(true);
}

beforeEach(() => {
  FakeXhr.sent = [];
  FakeXhr.status = 200;
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("the evidence uploader", () => {
  it("shows the limits and refuses what breaks them before sending anything", async () => {
    const { wrapper, calls } = uploader();
    expect(wrapper.text()).toContain("可上传类型：pdf、jpg、png；单个文件不超过 1000 B；每个集团本年度最多 300 个文件（已有 298 个）");
    const files = [new File([PDF], "章程.pdf"), new File(["x".repeat(1001)], "大.pdf"), new File(["MZ"], "a.exe"),
      new File([PDF], "照片.JPEG"), new File([PDF], "第三个.png")];
    await wrapper.find("label.drop").trigger("drop", { dataTransfer: { files } });
    const items = wrapper.findAll("li[aria-label]");
    expect(items.map((i) => i.attributes("aria-label"))).toEqual(["章程.pdf", "大.pdf", "a.exe", "照片.JPEG", "第三个.png"]);
    expect(items[1]!.find("[role=alert]").text()).toContain("文件超过 1000 B");
    expect(items[2]!.find("[role=alert]").text()).toContain("不接受的文件类型");
    expect(items[4]!.find("[role=alert]").text()).toContain("超过文件数量上限 300 个");
    expect(wrapper.find('[aria-label="章程.pdf 材料编号"]').element).toHaveProperty("value", "A01-02");
    expect(wrapper.find('[aria-label="照片.JPEG 材料编号"]').element).toHaveProperty("value", "A01-03");
    expect(calls).toHaveLength(0);
  });

  it("hashes, declares and uploads to the presigned URL with progress", async () => {
    const pdf = new File([PDF], "集团章程.pdf", { type: "application/pdf" });
    const expectedSha = await sha256File(pdf, { createWorker: () => inProcessWorker() });
    const calls = fakeApi([{ status: 201, body: { ...record({ sha256: expectedSha }),
      uploadUrl: "https://s3.test/evidence/key?X-Amz-Signature=abc", expiresAt: "2026-04-01T02:15:00Z",
      uploadHeaders: { "Content-Length": String(PDF.length), "Content-Type": "application/pdf", "x-amz-checksum-sha256": "AbC=" } } }]);
    const progress: [number, number][] = [];
    const { wrapper } = uploader(calls, {
      putFile: (url: string, headers: Record<string, string>, file: Blob, options: UploadOptions) =>
        putToPresignedUrl(url, headers, file, { ...options, onProgress: (loaded, total) => {
          progress.push([loaded, total]);
          options.onProgress?.(loaded, total);
        } }),
    });
    await wrapper.find("label.drop").trigger("drop", { dataTransfer: { files: [pdf] } });
    await wrapper.find('[aria-label="集团章程.pdf 材料名称"]').setValue("集团章程(2026 修订)");
    await wrapper.find('button[aria-label="上传 集团章程.pdf"]').trigger("click");
    await waitFor(() => wrapper.emitted("uploaded") !== undefined);

    expect(calls).toHaveLength(1);
    const declaration = calls[0]!;
    expect(declaration.method).toBe("POST");
    expect(declaration.url).toBe(`http://api.test/groups/${GROUP}/cycles/2026/evidence`);
    expect(declaration.headers.get("Authorization")).toBe("Bearer token-1");
    expect(declaration.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(declaration.body).toEqual({ indicatorId: "A01", title: "集团章程(2026 修订)", materialNumber: "A01-02",
      fileName: "集团章程.pdf", contentType: "application/pdf", size: PDF.length, sha256: expectedSha });
    expect(expectedSha).toMatch(/^[0-9a-f]{64}$/);

    expect(FakeXhr.sent).toHaveLength(1);
    const put = FakeXhr.sent[0]!;
    expect(put.method).toBe("PUT");
    expect(put.url).toBe("https://s3.test/evidence/key?X-Amz-Signature=abc");
    expect(put.headers).toEqual({ "Content-Type": "application/pdf", "x-amz-checksum-sha256": "AbC=" });
    expect(put.body).toBe(pdf);
    const half = Math.floor(PDF.length / 2);
    expect(progress).toEqual([[half, PDF.length], [PDF.length, PDF.length], [PDF.length, PDF.length]]);
    expect(wrapper.find("li[aria-label] [role=status]").text()).toBe("已上传，等待核验");
    expect(wrapper.emitted("uploaded")![0]![0]).toMatchObject({ evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6t", status: "PENDING" });
  });

  it("shows the API's field errors at the file's fields and retries with the correction", async () => {
    const calls = fakeApi([
      { status: 400, body: { type: "urn:groupeval:problem:validation", title: "Invalid request", status: 400,
        detail: "the declaration has 1 invalid field", errors: [{ pointer: "/materialNumber", message: "A01-02 is already used" }] } },
      { status: 201, body: { ...record(), uploadUrl: "https://s3.test/k", uploadHeaders: {} } },
    ]);
    const { wrapper } = uploader(calls);
    await wrapper.find("label.drop").trigger("drop", { dataTransfer: { files: [new File([PDF], "章程.pdf")] } });
    await wrapper.find('button[aria-label="上传 章程.pdf"]').trigger("click");
    await waitFor(() => wrapper.find("ul.errors").exists());
    expect(wrapper.find("ul.errors").text()).toBe("A01-02 is already used");
    const firstKey = calls[0]!.headers.get("Idempotency-Key");
    await wrapper.find('[aria-label="章程.pdf 材料编号"]').setValue("A01-09");
    await wrapper.find('button[aria-label="上传 章程.pdf"]').trigger("click");
    await waitFor(() => wrapper.emitted("uploaded") !== undefined);
    expect((calls[1]!.body as { materialNumber: string }).materialNumber).toBe("A01-09");
    expect(calls[1]!.headers.get("Idempotency-Key")).not.toBe(firstKey);
  });

  it("says why S3 refused the upload and declares again on retry with the same key", async () => {
    FakeXhr.status = 400;
    const declared = { ...record(), uploadUrl: "https://s3.test/k", uploadHeaders: {} };
    const calls = fakeApi([{ status: 201, body: declared }, { status: 200, body: declared }]);
    const { wrapper } = uploader(calls);
    await wrapper.find("label.drop").trigger("drop", { dataTransfer: { files: [new File([PDF], "章程.pdf")] } });
    await wrapper.find('button[aria-label="上传 章程.pdf"]').trigger("click");
    await waitFor(() => wrapper.find("li[aria-label] [role=alert]").exists());
    expect(wrapper.find("li[aria-label] [role=alert]").text()).toContain("BadDigest: The digest did not match");
    FakeXhr.status = 200;
    await wrapper.find('button[aria-label="上传 章程.pdf"]').trigger("click");
    await waitFor(() => wrapper.emitted("uploaded") !== undefined);
    expect(calls[1]!.headers.get("Idempotency-Key")).toBe(calls[0]!.headers.get("Idempotency-Key"));
    expect(FakeXhr.sent).toHaveLength(2);
  });
});

describe("following a file's status", () => {
  it("polls the record until it is verified", async () => {
    const calls = fakeApi([{ status: 200, body: record() }, { status: 200, body: record() },
      { status: 200, body: record({ status: "VERIFIED", downloadUrl: "https://s3.test/d" } as Partial<EvidenceRecord>) }]);
    const api = evidenceApi(createApiClient("http://api.test", () => "t"), GROUP, 2026);
    const scope = effectScope();
    const polling = scope.run(() => usePolling(() => api.get("ev-01jd0a6k3m9v2x7c5b8n4q1r6t"),
      { isFinal: (r) => isFinalStatus(r.status), initialDelayMs: 1, maxDelayMs: 2 }))!;
    polling.start();
    await waitFor(() => polling.running.value === false);
    expect(polling.value.value?.status).toBe("VERIFIED");
    expect(calls.map((c) => c.url)).toEqual(Array(3).fill(`http://api.test/groups/${GROUP}/cycles/2026/evidence/ev-01jd0a6k3m9v2x7c5b8n4q1r6t`));
    scope.stop();
  });
});

describe("the evidence list", () => {
  const items: Evidence[] = [
    record({ evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6a", title: "章程", status: "VERIFIED" }),
    record({ evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6b", title: "总结", status: "REJECTED", reason: "the file is not a PDF" }),
    record({ evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6c", title: "计划", status: "PENDING" }),
  ];

  it("shows each status, the reason of a rejection, and preview only for verified files", () => {
    const wrapper = mount(EvidenceList, { props: { items } });
    const rows = wrapper.findAll("tbody tr");
    expect(rows[0]!.text()).toContain("已核验");
    expect(rows[1]!.text()).toContain("不符");
    expect(rows[1]!.text()).toContain("原因：the file is not a PDF");
    expect(rows[2]!.text()).toContain("待核验");
    expect(wrapper.findAll('button[aria-label^="预览"]')).toHaveLength(1);
  });

  it("withdraws after a confirmation", async () => {
    const wrapper = mount(EvidenceList, { props: { items }, attachTo: document.body });
    await wrapper.find('button[aria-label="撤回 总结"]').trigger("click");
    await flush();
    const dialog = document.querySelector(".el-message-box")!;
    expect(dialog.textContent).toContain("确定撤回“总结”吗");
    const confirm = [...dialog.querySelectorAll("button")].find((b) => b.textContent?.trim() === "撤回")!;
    confirm.click();
    await waitFor(() => wrapper.emitted("withdraw") !== undefined);
    expect((wrapper.emitted("withdraw")![0]![0] as Evidence).evidenceId).toBe("ev-01jd0a6k3m9v2x7c5b8n4q1r6b");
  });

  it("has no withdraw button when read-only", () => {
    const wrapper = mount(EvidenceList, { props: { items, readonly: true } });
    expect(wrapper.findAll('button[aria-label^="撤回"]')).toHaveLength(0);
  });
});

describe("the file preview", () => {
  it("draws every page of a PDF", async () => {
    const drawn: number[] = [];
    const wrapper = mount(FilePreview, { props: { url: "https://s3.test/d", contentType: "application/pdf", fileName: "章程.pdf",
      openPdf: async () => ({ numPages: 3, render: async (n: number) => { drawn.push(n); }, destroy: async () => {} }) } });
    await waitFor(() => drawn.length === 3);
    expect(wrapper.findAll('canvas[role=img]').map((c) => c.attributes("aria-label"))).toEqual(["章程.pdf 第 1 页", "章程.pdf 第 2 页", "章程.pdf 第 3 页"]);
  });

  it("says why a PDF cannot be shown", async () => {
    const wrapper = mount(FilePreview, { props: { url: "u", contentType: "application/pdf", fileName: "a.pdf",
      openPdf: async () => { throw new Error("Invalid PDF structure."); } } });
    await waitFor(() => wrapper.text().includes("无法预览此 PDF：Invalid PDF structure."));
  });

  it("shows an image and offers other types for download", () => {
    const image = mount(FilePreview, { props: { url: "https://s3.test/p", contentType: "image/png", fileName: "合影.png" } });
    expect(image.find('img[alt="合影.png"]').attributes("src")).toBe("https://s3.test/p");
    const docx = mount(FilePreview, { props: { url: "https://s3.test/w", fileName: "计划.docx",
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } });
    expect(docx.find("a").attributes("href")).toBe("https://s3.test/w");
  });
});
