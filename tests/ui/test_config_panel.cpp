// The configuration panel is generated from the parameter schema: one field per parameter with
// the schema's range, step and choices; a value the schema refuses is marked at its field in the
// panel's words (labels, never CLI flags); a rule between fields shows at the field the user just
// changed as well as at the field it is about.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QSpinBox>
#include <QStandardPaths>

#include "core/kernel/kernel_params.h"
#include "ui/studio/config_panel.h"

namespace amla::ui {
namespace {

QString qid(std::string_view id) { return QString::fromUtf8(id.data(), int(id.size())); }

TEST(ConfigPanelTest, EveryParameterHasAFieldWithTheSchemasRangeStepAndChoices) {
  ConfigPanel panel;
  for (const ParamDef& p : kernel_params()) {
    SCOPED_TRACE(std::string(p.id));
    QWidget* editor = panel.fieldEditor(qid(p.id));
    ASSERT_NE(editor, nullptr);
    if (p.type == ParamType::kChoice) {
      auto* combo = qobject_cast<QComboBox*>(editor);
      ASSERT_NE(combo, nullptr);
      ASSERT_EQ(combo->count(), static_cast<int>(p.choices.size()));
      for (int i = 0; i < combo->count(); ++i) {
        EXPECT_EQ(combo->itemText(i).toStdString(),
                  std::string(p.choices[static_cast<std::size_t>(i)]));
      }
    } else {
      auto* spin = qobject_cast<QSpinBox*>(editor);
      ASSERT_NE(spin, nullptr);
      EXPECT_EQ(spin->minimum(), p.min);
      EXPECT_EQ(spin->maximum(), p.max);
      EXPECT_EQ(spin->singleStep(), p.multiple_of);
      // A value off the schema's step is refused at the field.
      if (p.multiple_of > 1) {
        spin->setValue(static_cast<int>(p.min + 1));
        EXPECT_FALSE(panel.config().has_value());
        EXPECT_TRUE(panel.fieldError(qid(p.id)).contains(QStringLiteral("multiple of")))
            << panel.fieldError(qid(p.id)).toStdString();
        spin->setValue(static_cast<int>(p.get(KernelConfig{})));
      }
    }
    EXPECT_FALSE(editor->toolTip().contains(QLatin1Char('{'))) << editor->toolTip().toStdString();
  }
}

// The unit after a field's value agrees with it: "1 part", "2 parts".
TEST(ConfigPanelTest, AFieldOfOneShowsItsUnitInTheSingular) {
  ConfigPanel panel;
  auto* splits = qobject_cast<QSpinBox*>(panel.fieldEditor(QStringLiteral("tiling.kv_splits")));
  ASSERT_NE(splits, nullptr);
  splits->setValue(1);
  EXPECT_EQ(splits->text().toStdString(), "1 part");
  splits->setValue(2);
  EXPECT_EQ(splits->text().toStdString(), "2 parts");
  splits->setValue(1);
  EXPECT_EQ(splits->text().toStdString(), "1 part");
}

TEST(ConfigPanelTest, KvBlockTooLargeForTheQpBuffersShowsAtBothFieldsInLabels) {
  ConfigPanel panel;
  auto* kv_block = qobject_cast<QSpinBox*>(panel.fieldEditor(QStringLiteral("tiling.kv_block")));
  ASSERT_NE(kv_block, nullptr);
  kv_block->setValue(1024);
  EXPECT_FALSE(panel.config().has_value());
  const QString at_qp = panel.fieldError(QStringLiteral("tiling.qp_buffers"));
  const QString at_kv = panel.fieldError(QStringLiteral("tiling.kv_block"));
  EXPECT_TRUE(at_qp.contains(QStringLiteral("QP buffers"))) << at_qp.toStdString();
  EXPECT_TRUE(at_kv.contains(QStringLiteral("QP buffers (L1)"))) << at_kv.toStdString();
  for (const QString& message : {at_qp, at_kv}) {
    EXPECT_FALSE(message.contains(QStringLiteral("--"))) << message.toStdString();
    EXPECT_FALSE(message.contains(QStringLiteral("tiling."))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("KV block (s2Base)"))) << message.toStdString();
  }
  kv_block->setValue(512);
  EXPECT_TRUE(panel.config().has_value());
  EXPECT_TRUE(panel.fieldError(QStringLiteral("tiling.kv_block")).isEmpty());
}

TEST(ConfigPanelTest, RowsPerTaskBeyondOneRequestIsMarkedNotClipped) {
  ConfigPanel panel;
  auto* rows = qobject_cast<QSpinBox*>(panel.fieldEditor(QStringLiteral("tiling.rows_per_task")));
  ASSERT_NE(rows, nullptr);
  rows->setValue(999);
  EXPECT_EQ(rows->value(), 999);
  EXPECT_FALSE(panel.config().has_value());
  EXPECT_TRUE(
      panel.fieldError(QStringLiteral("tiling.rows_per_task")).contains(QStringLiteral("256")));
}

}  // namespace
}  // namespace amla::ui
