// image_copy: an image that copies a registered image or an image first
// published by another shop (contract §1.3).
//
// Provenance rules:
//  - a registered `image` record is a protected original, owned by its rights
//    holder (and its `shop`, if any);
//  - otherwise, among near-duplicate images (PDQ distance <= radius under any
//    of the 8 rotations/flips), the earliest `published_at` is the original
//    and its shop (a content item's account) the owner;
//  - a later image by another shop gives a finding (evidence: image, matched,
//    distance, transform); the owner re-uploading, or a shop the holder
//    authorized (authorized_shops of its brands and works), gives none;
//  - hashes of quality <= 49 (flat, blank, tiny images) never give a finding.
// Items without `published_at` count as published when scanned: after every
// dated item, in input order among themselves.
//
// Each image is decoded and hashed once, in Scan on the worker threads; an
// unreadable image is reported as a problem of its line. The cross-item
// decision is made by the session when the whole input has been seen.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreateImageCopyDetector(const DetectorContext& context);

}  // namespace ipguard
