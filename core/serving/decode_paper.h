#pragma once
// What CloudMatrix384's paper (arXiv 2506.12708 v2) reports for DeepSeek-R1 decode, defined once:
// the headline point the decode model is fitted to and the operating points it is checked
// against (amla-cli decode --fit / --table and the tests read these).
namespace amla {

// Table 5, MTP on; the KV length is taken as the prompt length.
struct PaperDecodePoint {
  int prompt, output, batch_per_npu;
  double tpot_ms, tokens_per_s_per_npu;
};
inline constexpr PaperDecodePoint kCloudMatrixTable5[] = {{1024, 1024, 128, 46.8, 2733},
                                                          {2048, 256, 112, 47.4, 2360},
                                                          {4096, 256, 96, 49.4, 1943},
                                                          {4096, 256, 24, 24.6, 974},
                                                          {4096, 256, 8, 14.9, 538}};
inline constexpr const PaperDecodePoint& kCloudMatrixHeadline = kCloudMatrixTable5[2];
inline constexpr double kHeadlineLayerUs = 1260;  // per layer at batch 96 with MTP
inline constexpr double kMtpOffLayerUs = 874;     // the same without MTP
inline constexpr int kHeadlineKvLen = 4096;

}  // namespace amla
