#include "core/numerics/numerics_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "core/common/input_error.h"
#include "core/numerics/accuracy_standards.h"
#include "core/numerics/amla_kernel.h"
#include "core/numerics/baseline_kernel.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/fp16_kernel.h"
#include "core/numerics/golden_attention.h"

namespace amla {

namespace {

struct Shared {
  const AttentionInputs& in;
  const NumericsConfig& config;
  const JobControl& control;
  const MatrixD& q64;
  const MatrixD& kv64;
  NumericsRun& run;
  std::mutex mutex;  // guards progress reporting and the merge of per-block counters
  std::atomic<long> steps_done{0};
  long steps_total = 0;
};

void run_row_block(Shared& sh, int row_block) {
  const auto& cfg = sh.config;
  NumericsRun& run = sh.run;
  const int r0 = row_block * cfg.blocking.rows_per_task;
  const int rows = std::min(cfg.blocking.rows_per_task, run.rows - r0);
  const int kv_blocks = run.kv_blocks;
  const MatrixF q = sh.in.q.middleRows(r0, rows);
  const MatrixD q64 = sh.q64.middleRows(r0, rows);
  const float scale = static_cast<float>(sh.in.scale);

  GoldenRowBlock golden(q64, sh.in.scale);
  BaselineRowBlock baseline(q, scale);
  AmlaRowBlock amla(q, scale, cfg.switches,
                    run.amla.states.data() + static_cast<std::size_t>(r0) * kv_blocks, kv_blocks);
  std::optional<Fp16RowBlock> fp16;
  if (run.has(NumericsVariant::kFp16)) fp16.emplace(q, scale);
  std::optional<PasaRowBlock> pasa;
  if (run.has(NumericsVariant::kPasa)) {
    pasa.emplace(q, sh.in.scale, cfg.pasa,
                 run.pasa.states.data() + static_cast<std::size_t>(r0) * kv_blocks, kv_blocks);
  }

  for (int b = 0; b < kv_blocks; ++b) {
    sh.control.check_cancelled();
    const KvBlockView view = kv_block_view(sh.in, cfg.blocking.kv_block, b);

    golden.step(sh.kv64.middleRows(view.first_token, view.tokens), view);
    baseline.step(view);
    amla.step(view);
    if (fp16) fp16->step(view);
    if (pasa) pasa->step(view);

    if (cfg.record_growth) {
      const MatrixD g = golden.output();
      const MatrixF base_out = baseline.running_output();
      const MatrixF amla_out = amla.running_output();
      for (int r = 0; r < rows; ++r) {
        run.baseline.growth(r0 + r, b) = relative_rms(base_out.row(r), g.row(r));
        run.amla.growth(r0 + r, b) = relative_rms(amla_out.row(r), g.row(r));
      }
      if (fp16) {
        const MatrixF out = fp16->running_output();
        for (int r = 0; r < rows; ++r)
          run.fp16.growth(r0 + r, b) = relative_rms(out.row(r), g.row(r));
      }
      if (pasa) {
        const MatrixF out = pasa->running_output();
        for (int r = 0; r < rows; ++r)
          run.pasa.growth(r0 + r, b) = relative_rms(out.row(r), g.row(r));
      }
    }
    const long done = ++sh.steps_done;
    if (sh.control.progress) {
      std::lock_guard lock(sh.mutex);  // in order, one at a time
      sh.control.report(static_cast<double>(done) / static_cast<double>(sh.steps_total));
    }
  }

  std::uint64_t guard_hits = 0;
  const MatrixF amla_out = amla.finish(guard_hits);
  run.golden.middleRows(r0, rows) = golden.output();
  run.baseline.output.middleRows(r0, rows) = baseline.final_output();
  run.baseline.accumulator.middleRows(r0, rows) = baseline.accumulator();
  run.amla.output.middleRows(r0, rows) = amla_out;
  run.amla.accumulator.middleRows(r0, rows) = amla.accumulator();
  run.amla.last_rescale_input.middleRows(r0, rows) = amla.last_rescale_input();
  std::copy(amla.last_addend().begin(), amla.last_addend().end(),
            run.amla.last_addend.begin() + r0);
  std::copy(amla.last_shift().begin(), amla.last_shift().end(), run.amla.last_shift.begin() + r0);
  if (fp16) {
    run.fp16.output.middleRows(r0, rows) = fp16->final_output();
    run.fp16.accumulator.middleRows(r0, rows) = fp16->running_output();
  }
  if (pasa) {
    run.pasa.output.middleRows(r0, rows) = pasa->final_output();
    run.pasa.accumulator.middleRows(r0, rows) = pasa->running_output();
  }
  std::lock_guard lock(sh.mutex);
  if (fp16) run.fp16.overflow.merge(fp16->overflow());
  if (pasa) run.pasa.overflow.merge(pasa->overflow());
  run.amla.guard_hits += guard_hits;
  for (int c = 0; c < kRescaleClassCount; ++c) {
    run.amla.rescale_classes[static_cast<std::size_t>(c)] +=
        amla.rescale_classes()[static_cast<std::size_t>(c)];
  }
}

}  // namespace

double attention_flops(int rows, int kv_len) {
  return 2.0 * rows * static_cast<double>(kv_len) * (kHeadDim + kValueDim);
}

bool NumericsRun::has(NumericsVariant v) const {
  return std::find(variants.begin(), variants.end(), v) != variants.end();
}

namespace {

// The result of one variant, const or not.
template <typename Run>
auto variant_result(Run& run, NumericsVariant v) -> decltype((run.baseline)) {
  switch (v) {
    case NumericsVariant::kAmla:
      return run.amla;
    case NumericsVariant::kFp16:
      return run.fp16;
    case NumericsVariant::kPasa:
      return run.pasa;
    case NumericsVariant::kBaseline:
      break;
  }
  return run.baseline;
}

}  // namespace

const VariantResult& NumericsRun::result(NumericsVariant v) const {
  return variant_result(*this, v);
}

double numerics_memory_bytes(int rows, int kv_len, const KernelBlocking& blocking,
                             int extra_variants) {
  const double r = rows;
  const double s = kv_len;
  const double blocks = block_count(kv_len, std::max(1, blocking.kv_block));
  const double inputs = (r + s) * kHeadDim * (4.0 + 8.0);  // FP32 tensors and their FP64 copies
  const double outputs = r * kValueDim * (8.0 + 4.0 * 6);  // golden, outputs, accumulators
  const double per_block = r * blocks * (sizeof(RowBlockState) + 8.0);
  const double work = 4.0 * std::min<double>(rows, blocking.rows_per_task) *
                      std::min<double>(kv_len, blocking.kv_block) * 12.0;
  // Each FP16 variant: its output, running output and per-block state, and its FP64 work tiles
  // (Q, one KV block, the score and P tiles, O).
  const double per_variant =
      r * kValueDim * 8.0 + r * blocks * (sizeof(PasaBlockState) + 4.0) +
      8.0 * (std::min<double>(rows, blocking.rows_per_task) *
                 (kHeadDim + kValueDim + 3.0 * std::min<double>(kv_len, blocking.kv_block)) +
             3.0 * std::min<double>(kv_len, blocking.kv_block) * kHeadDim);
  return inputs + outputs + per_block + work + extra_variants * per_variant;
}

NumericsRun run_numerics(const AttentionInputs& in, const NumericsConfig& config,
                         const JobControl& control) {
  validate_blocking(config.blocking);
  validate_switches(config.switches);
  validate_pasa_switches(config.pasa);
  if (config.variants.empty()) {
    throw InputError("variants", "(none)", "at least one of amla, baseline, fp16, pasa");
  }
  if (in.rows() < 1 || in.kv_len() < 1 || in.q.cols() != kHeadDim || in.kv.cols() != kHeadDim ||
      static_cast<int>(in.token_valid.size()) != in.kv_len()) {
    throw InputError("inputs",
                     "Q " + std::to_string(in.q.rows()) + "x" + std::to_string(in.q.cols()) +
                         ", KV " + std::to_string(in.kv.rows()) + "x" +
                         std::to_string(in.kv.cols()),
                     "need Q [rows, 576] and KV [S_k, 576] with rows, S_k >= 1");
  }
  const auto start = std::chrono::steady_clock::now();
  NumericsRun run;
  run.rows = in.rows();
  run.kv_len = in.kv_len();
  run.kv_blocks = block_count(run.kv_len, config.blocking.kv_block);
  run.blocking = config.blocking;
  run.switches = config.switches;
  run.pasa_switches = config.pasa;
  run.variants = config.variants;
  run.golden.resize(run.rows, kValueDim);
  std::vector<VariantResult*> computed = {&run.baseline, &run.amla};
  if (run.has(NumericsVariant::kFp16)) computed.push_back(&run.fp16);
  if (run.has(NumericsVariant::kPasa)) computed.push_back(&run.pasa);
  for (VariantResult* v : computed) {
    v->output.resize(run.rows, kValueDim);
    v->accumulator.resize(run.rows, kValueDim);
    if (config.record_growth) v->growth.setZero(run.rows, run.kv_blocks);
  }
  run.amla.states.resize(static_cast<std::size_t>(run.rows) * run.kv_blocks);
  run.amla.last_rescale_input.resize(run.rows, kValueDim);
  run.amla.last_addend.assign(static_cast<std::size_t>(run.rows), 0);
  run.amla.last_shift.assign(static_cast<std::size_t>(run.rows), 0);
  run.amla.rescale_classes.assign(kRescaleClassCount, 0);
  if (run.has(NumericsVariant::kPasa)) {
    run.pasa.states.resize(static_cast<std::size_t>(run.rows) * run.kv_blocks);
  }

  const MatrixD q64 = in.q.cast<double>();
  const MatrixD kv64 = in.kv.cast<double>();

  Shared shared{in, config, control, q64, kv64, run, {}, {0}, 0};
  const int row_blocks = block_count(run.rows, config.blocking.rows_per_task);
  shared.steps_total = static_cast<long>(row_blocks) * run.kv_blocks;
  int threads = config.threads > 0
                    ? config.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, row_blocks);

  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::atomic<bool> stop{false};
  auto worker = [&] {
    for (int rb = next++; rb < row_blocks && !stop; rb = next++) {
      try {
        run_row_block(shared, rb);
      } catch (...) {
        std::lock_guard lock(shared.mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);

  for (const VariantInfo& info : all_variants()) {
    if (info.id != NumericsVariant::kBaseline && info.id != NumericsVariant::kAmla &&
        !run.has(info.id)) {
      continue;
    }
    VariantResult& result = variant_result(run, info.id);
    result.metrics = compute_error_metrics(result.output, run.golden, threshold_for(info.output));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace amla
