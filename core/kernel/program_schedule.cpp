#include "core/kernel/program_schedule.h"

#include "core/kernel/program_matmul.h"
#include "core/kernel/program_vector.h"

namespace amla::program {

KernelProgram::KernelProgram(const KernelConfig& config, const HardwareModel& hw, const Plan& plan)
    : ctx_(config, hw, plan) {
  ProgramLayout& layout = ctx_.layout;
  layout.cores = plan.cores;
  add_shared_resources(layout, ctx_.hw);
  ctx_.gm.s_of_task.assign(plan.tasks.size(), -1);
  ctx_.gm.p_of_task.assign(plan.tasks.size(), -1);
  ctx_.gm.pv_of_task.assign(plan.tasks.size(), -1);
  ctx_.gm.o_of_job.assign(plan.jobs.size(), -1);
  ctx_.combine_done_of_job.assign(plan.jobs.size(), -1);
  for (std::size_t i = 0; i < plan.combines.size(); ++i) {
    const CombineJob& combine = plan.combines[i];
    const int flag = add_combine_flag(layout, ctx_.hw, static_cast<int>(i));
    ctx_.combine_done.push_back(flag);
    for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
      const Job& job = plan.jobs[j];
      if (job.batch == combine.batch && job.row0 == combine.row0 && job.parts > 1)
        ctx_.combine_done_of_job[j] = flag;
    }
  }
  ctx_.cores.resize(static_cast<std::size_t>(plan.cores));
  for (int core = 0; core < plan.cores; ++core) setup_core(core);
}

void KernelProgram::setup_core(int core) {
  CoreState& state = ctx_.cores[static_cast<std::size_t>(core)];
  const Plan& plan = ctx_.plan;
  state.die = core / ctx_.hw.aic_per_die;
  for (int j : plan.core_jobs[static_cast<std::size_t>(core)]) {
    const Job& job = plan.jobs[static_cast<std::size_t>(j)];
    for (int k = 0; k < job.task_count; ++k) state.tasks.push_back(job.first_task + k);
  }
  for (std::size_t i = 0; i < plan.combines.size(); ++i) {
    if (plan.combines[i].core == core) state.combines.push_back(static_cast<int>(i));
  }
  const int tasks = static_cast<int>(state.tasks.size());
  // One round per task, the pipeline's drain rounds, and the closing round.
  state.rounds = tasks + (tasks > 0 ? ctx_.tiling.preload : 0) + 1;
  state.flags = add_core_flags(ctx_.layout, ctx_.hw, core);
  state.slots =
      add_core_buffers(ctx_.layout, ctx_.hw, core, ctx_.tiling, plan.tiles, ctx_.latent_dim);
}

bool KernelProgram::emit_next_round(int core, InstructionSink& sink) {
  CoreState& state = ctx_.cores[static_cast<std::size_t>(core)];
  if (state.round >= state.rounds) return false;
  const int round = state.round++;
  const int tasks = static_cast<int>(state.tasks.size());
  const int preload = ctx_.tiling.preload;
  if (round >= tasks + preload) {  // the closing round: flash-decoding combines
    for (int combine : state.combines) emit_combine(ctx_, core, combine, sink);
    return true;
  }
  // How many rounds each stage trails MM1 by. With preload, MM1 of the next task runs while the
  // Vector cores work on this one, and the work after MM2 (the baseline's update, Vec2) trails
  // by preload - 1 more rounds.
  const int vec1_lag = preload > 0 ? 1 : 0;
  const int after_mm2_lag = preload;
  const auto task_at = [&](int lag) {
    const int i = round - lag;
    return i >= 0 && i < tasks ? state.tasks[static_cast<std::size_t>(i)] : -1;
  };
  if (const int task_id = task_at(0); task_id >= 0) emit_mm1(ctx_, core, task_id, sink);
  if (const int task_id = task_at(vec1_lag); task_id >= 0) {
    for (int aiv = 0; aiv < kAivs; ++aiv) emit_vec1(ctx_, core, aiv, task_id, sink);
    emit_mm2(ctx_, core, task_id, sink);
  }
  if (const int task_id = task_at(after_mm2_lag); task_id >= 0) {
    for (int aiv = 0; aiv < kAivs; ++aiv) emit_after_mm2(ctx_, core, aiv, task_id, sink);
  }
  return true;
}

}  // namespace amla::program
