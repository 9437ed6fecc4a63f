package org.groupeval.domain.evidence;

/**
 * What a school declares before uploading a file (docs/api.md, Evidence): the indicator it supports, its
 * title and material number (附件2), and the file's name, media type, size in bytes and SHA-256 (lowercase hex).
 */
public record EvidenceDeclaration(String indicatorId, String title, String materialNumber, String fileName,
                                  String contentType, Long size, String sha256) {
}
