// The one background-job class the simulation, the sweep and the numerics run through: progress
// arrives on the GUI thread as whole percents and reaches 100, cancel ends a run with no result,
// an InputError arrives with its field, and a busy job refuses a second run.
#include <gtest/gtest.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <chrono>
#include <new>
#include <string>
#include <thread>

#include "core/common/input_error.h"
#include "ui/common/background_job.h"

namespace amla::ui {
namespace {

constexpr int kWaitMs = 20000;

// Reports ten steps, a little apart so the GUI thread sees them arrive.
std::string ten_steps(const amla::JobControl& control) {
  for (int i = 1; i <= 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    control.check_cancelled();
    control.report(i / 10.0);
  }
  return "done";
}

// Runs until cancelled (or, as a safety net, for a minute).
int until_cancelled(const amla::JobControl& control) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < 60000) {
    control.check_cancelled();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return 0;
}

TEST(BackgroundJobTest, ProgressReachesOneHundredAndTheResultArrives) {
  BackgroundJob job(QStringLiteral("use less"));
  QSignalSpy progress(&job, &BackgroundJob::progressChanged);
  QSignalSpy finished(&job, &BackgroundJob::finished);
  QSignalSpy failed(&job, &BackgroundJob::failed);
  ASSERT_TRUE(job.start(ten_steps));
  EXPECT_TRUE(job.isRunning());
  EXPECT_FALSE(job.start(ten_steps));  // one run at a time
  ASSERT_TRUE(finished.wait(kWaitMs));
  EXPECT_EQ(failed.count(), 0);
  EXPECT_FALSE(job.isRunning());
  ASSERT_GE(progress.count(), 2);
  EXPECT_EQ(progress.first().at(0).toInt(), 0);
  EXPECT_EQ(progress.last().at(0).toInt(), 100);
  int previous = -1;
  for (const QList<QVariant>& p : progress) {
    EXPECT_GE(p.at(0).toInt(), previous);  // whole percents, never backwards
    previous = p.at(0).toInt();
  }
  ASSERT_NE(job.result<std::string>(), nullptr);
  EXPECT_EQ(*job.result<std::string>(), "done");
  EXPECT_EQ(job.result<int>(), nullptr);  // the wrong type is no result, not a crash
  // The job is free again.
  ASSERT_TRUE(job.start([](const amla::JobControl&) { return 7; }));
  ASSERT_TRUE(finished.wait(kWaitMs));
  EXPECT_EQ(*job.result<int>(), 7);
}

TEST(BackgroundJobTest, CancelEndsTheRunWithNoResult) {
  BackgroundJob job(QStringLiteral("use less"));
  QSignalSpy finished(&job, &BackgroundJob::finished);
  QSignalSpy cancelled(&job, &BackgroundJob::cancelled);
  QSignalSpy failed(&job, &BackgroundJob::failed);
  ASSERT_TRUE(job.start(until_cancelled));
  QTest::qWait(20);
  job.cancel();
  ASSERT_TRUE(cancelled.wait(kWaitMs));
  EXPECT_EQ(finished.count(), 0);
  EXPECT_EQ(failed.count(), 0);
  EXPECT_EQ(job.result<int>(), nullptr);
  EXPECT_FALSE(job.isRunning());
}

TEST(BackgroundJobTest, AnInputErrorArrivesWithItsField) {
  BackgroundJob job(QStringLiteral("use less"));
  QSignalSpy failed(&job, &BackgroundJob::failed);
  ASSERT_TRUE(job.start([](const amla::JobControl&) -> int {
    throw amla::InputError("--kv-block", "1000", "a multiple of 16");
  }));
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_EQ(failed.first().at(0).toString(), QStringLiteral("--kv-block"));
  EXPECT_EQ(failed.first().at(1).toString(), QStringLiteral("--kv-block: 1000 (a multiple of 16)"));

  // Running out of memory says so, with the job's hint; there is no field to point at.
  ASSERT_TRUE(job.start([](const amla::JobControl&) -> int { throw std::bad_alloc(); }));
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_TRUE(failed.last().at(0).toString().isEmpty());
  EXPECT_EQ(failed.last().at(1).toString(), QStringLiteral("out of memory: use less"));
}

TEST(BackgroundJobTest, DestroyingABusyJobCancelsAndWaits) {
  auto* job = new BackgroundJob(QStringLiteral("use less"));
  ASSERT_TRUE(job->start(until_cancelled));
  QElapsedTimer timer;
  timer.start();
  delete job;  // must not leave the thread running against a dead object
  EXPECT_LT(timer.elapsed(), 10000);
}

}  // namespace
}  // namespace amla::ui
