// The Serving page on Qt's offscreen platform: a small decode step run through the page (the
// figures, the lanes drawn from the model's schedule, the speed curve rising with the kernel's
// speed and flattening where the MoE stream takes over), and bad fields marked at the field.
#include <gtest/gtest.h>

#include <map>

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include "core/hw/hardware_presets.h"
#include "core/serving/decode_params.h"
#include "ui/serving/serving_page.h"
#include "ui/serving/stream_lanes.h"

namespace amla::ui {
namespace {

amla::RunConfig base_config() {
  amla::RunConfig c;
  c.hardware = amla::find_preset("910C-package");
  c.kernel.problem.kv_len = 1024;
  return c;
}

void set_field(ServingPage& page, const char* flag, const QString& text) {
  auto* edit = page.findChild<QLineEdit*>(QString::fromLatin1(flag));
  ASSERT_NE(edit, nullptr) << flag;
  edit->setText(text);
}

TEST(ServingPage, ASmallStepRunsAndDrawsItsStreamsAndSpeedCurve) {
  ServingPage page;
  page.setBaseConfig(base_config());
  set_field(page, "batch-per-npu", QStringLiteral("16"));
  QSignalSpy done(&page, &ServingPage::runFinished);
  page.run();
  ASSERT_TRUE(done.wait(120000));
  const amla::DecodeStep* s = page.lastStep();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->requests_per_microbatch, 4);
  // The lanes hold the model's schedule: two stages per microbatch and layer shown.
  EXPECT_EQ(page.lanes()->stages().size(), 2u * 3u * 2u);
  for (const amla::StreamStage& st : page.lanes()->stages()) {
    EXPECT_NEAR(st.end_us - st.start_us, st.stream == 0 ? s->stream0_us : s->stream1_us, 1e-9);
  }
  // A faster kernel never lowers tokens/s; the curve passes through this run at 1x.
  const QVector<QPointF> curve = page.speedCurve();
  ASSERT_GT(curve.size(), 10);
  for (int i = 1; i < curve.size(); ++i) EXPECT_GE(curve[i].y(), curve[i - 1].y() - 1e-9);
  bool at_one = false;
  for (const QPointF& p : curve) {
    if (std::abs(p.x() - 1.0) < 1e-12) {
      at_one = true;
      EXPECT_NEAR(p.y(), s->tokens_per_s_per_npu, 1e-6 * p.y());
    }
  }
  EXPECT_TRUE(at_one);
  const auto* summary = page.findChild<QLabel*>(QStringLiteral("servingSummary"));
  ASSERT_NE(summary, nullptr);
  EXPECT_TRUE(summary->text().contains(QStringLiteral("Limiting stream")));
}

// Each field is labelled from the schema, with its unit unless the label says it.
TEST(ServingPage, FieldsCarryTheSchemasLabelsAndUnits) {
  ServingPage page;
  auto* form = page.findChild<QFormLayout*>();
  ASSERT_NE(form, nullptr);
  std::map<QString, std::string> label_of;  // by field (the flag)
  for (int row = 0; row < form->rowCount(); ++row) {
    auto* label = qobject_cast<QLabel*>(form->itemAt(row, QFormLayout::LabelRole)
                                            ? form->itemAt(row, QFormLayout::LabelRole)->widget()
                                            : nullptr);
    QWidget* field = form->itemAt(row, QFormLayout::FieldRole)
                         ? form->itemAt(row, QFormLayout::FieldRole)->widget()
                         : nullptr;
    if (!label || !field) continue;
    if (auto* edit = field->findChild<QLineEdit*>())
      label_of[edit->objectName()] = label->text().toStdString();
  }
  ASSERT_EQ(label_of.size(), amla::decode_params().size());
  EXPECT_EQ(label_of[QStringLiteral("batch-per-npu")], std::string("batch per NPU (requests)"));
  EXPECT_EQ(label_of[QStringLiteral("dies-per-npu")], std::string("dies per NPU"));
  EXPECT_EQ(label_of[QStringLiteral("moe-aic")], std::string("MoE cores (AIC)"));
  EXPECT_EQ(label_of[QStringLiteral("dispatch-combine-us-per-token")],
            std::string("dispatch + combine per token (\u00b5s)"));
  for (const amla::DecodeParamDef& p : amla::decode_params()) {
    const std::string text = label_of[QString::fromUtf8(p.flag.data(), int(p.flag.size()))];
    EXPECT_EQ(text.rfind(std::string(p.label), 0), 0u) << text;  // the schema's label first
    EXPECT_EQ(text.find("--"), std::string::npos) << text;
  }
}

TEST(ServingPage, BadFieldsAreMarkedAtTheFieldAndNothingRuns) {
  ServingPage page;
  page.setBaseConfig(base_config());
  set_field(page, "mtp", QStringLiteral("maybe"));
  set_field(page, "acceptance", QStringLiteral("2"));
  EXPECT_FALSE(page.readParams().has_value());
  int shown = 0;
  for (QLabel* label : page.findChildren<QLabel*>()) {
    if (!label->isHidden() && label->text().contains(QStringLiteral("on or off"))) ++shown;
    if (!label->isHidden() && label->text().contains(QStringLiteral("[0, 1]"))) ++shown;
  }
  EXPECT_EQ(shown, 2);
  // The two streams' cores must fit the die: named at the attention cores' field.
  set_field(page, "mtp", QStringLiteral("on"));
  set_field(page, "acceptance", QStringLiteral("0.7"));
  set_field(page, "attention-aic", QStringLiteral("20"));
  EXPECT_FALSE(page.readParams().has_value());
  // In the page's words: the other field by its label, not its CLI flag.
  QString rule;
  for (QLabel* label : page.findChildren<QLabel*>()) {
    if (!label->isHidden() && label->text().contains(QStringLiteral("share the die"))) {
      rule = label->text();
    }
  }
  EXPECT_TRUE(rule.contains(QStringLiteral("MoE cores"))) << rule.toStdString();
  EXPECT_FALSE(rule.contains(QStringLiteral("--"))) << rule.toStdString();
  QSignalSpy done(&page, &ServingPage::runFinished);
  page.run();
  EXPECT_FALSE(done.wait(300));
  EXPECT_EQ(page.lastStep(), nullptr);
}

}  // namespace
}  // namespace amla::ui
