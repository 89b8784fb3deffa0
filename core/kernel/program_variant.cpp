#include "core/kernel/program_variant.h"

namespace amla::program {

SoftmaxWork VariantRules::softmax(const Task& task) const {
  const double scalar_op = hw_.vector_cycles_tensor_scalar;
  const double tensor_op = hw_.vector_cycles_tensor_tensor;
  SoftmaxWork work;
  switch (variant_) {
    case KernelVariant::kAmla:
      // One more multiply, P~ = P x c^: the residual between the row max and its power-of-two
      // rounding rides on P, so O's rescale can stay an exponent add (amla-numerics.md).
      work.chunk = {7, 3 * scalar_op + tensor_op + scalar_op};
      work.row_scalar_instructions = 14;
      work.adds_n_to_o = !task.first_of_job;  // the first block writes O: nothing to rescale yet
      break;
    case KernelVariant::kBaseline:
      work.chunk = {6, 3 * scalar_op + tensor_op};
      work.row_scalar_instructions = 4;
      break;
  }
  return work;
}

Mm2Destination VariantRules::mm2_destination(const Task& task) const {
  switch (variant_) {
    case KernelVariant::kAmla:
      return task.first_of_job ? Mm2Destination::kNewO : Mm2Destination::kAddIntoO;
    case KernelVariant::kBaseline:
      break;
  }
  return Mm2Destination::kPvSlot;
}

Pipe VariantRules::pv_consumer(const Task& task) const {
  switch (variant_) {
    case KernelVariant::kAmla:
      // Before the last block nothing reads O: the next block's add of N (MTE3) is the first to
      // touch it again.
      if (!task.last_of_job) return Pipe::kMte3;
      break;
    case KernelVariant::kBaseline:
      break;
  }
  return Pipe::kMte2;  // the first load of the update or of Vec2
}

AfterMm2Work VariantRules::after_mm2(const Task& task) const {
  const double scalar_op = hw_.vector_cycles_tensor_scalar;
  const double tensor_op = hw_.vector_cycles_tensor_tensor;
  AfterMm2Work work;
  switch (variant_) {
    case KernelVariant::kAmla:
      // O stays in GM until the job's last block; then Vec2 reads it once.
      work.runs = task.last_of_job;
      work.first_load = OpKind::kLoadO;
      // Zero |x| > 1e10 (compare, select), divide by l c^, cast.
      if (task.last_of_job) work.final = {4, 2 * tensor_op + hw_.vector_cycles_divide + scalar_op};
      break;
    case KernelVariant::kBaseline:
      work.runs = true;
      work.first_load = OpKind::kLoadPV;
      work.first_load_frees_pv = true;
      work.loads_old_o = !task.first_of_job;
      work.opens_o = task.first_of_job && !task.last_of_job;
      work.rescale = {2, scalar_op + tensor_op};
      if (task.last_of_job) work.final = {2, hw_.vector_cycles_divide + scalar_op};
      break;
  }
  return work;
}

}  // namespace amla::program
