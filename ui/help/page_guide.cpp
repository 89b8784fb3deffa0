#include "ui/help/page_guide.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace amla::ui {

const std::vector<PageHelp>& page_help() {
  static const std::vector<PageHelp> pages = {
      {QStringLiteral("Timeline"),
       PageGuideDialog::tr(
           "What the simulated AI cores did, op by op. Each core opens into its cube unit AIC "
           "and its vector units AIV0 and AIV1, and each unit into its pipes, named as msprof "
           "names them (SCALAR, MTE1, MTE2, MTE3, FIXP, CUBE, VECTOR); a collapsed core or unit "
           "shows how busy it is. Ops are coloured by kind (see the legend); ops narrower than "
           "a few pixels fold into one block labelled with their count, never dropped. Hover an "
           "op for its task, KV block, start, end and duration (cycles and &micro;s) and its "
           "bytes or FLOPs; click it to draw the cross-core flags it sets and waits on as "
           "arrows labelled by route (C1-&gt;V1: MM1 hands S to the softmax; V1-&gt;C2, "
           "C2-&gt;V2, V2-&gt;C2); ops with arrows carry a small corner mark. The tooltip also "
           "says what the op waited for and how long (a flag and the op that set it, a buffer "
           "slot and the op that freed it, HBM or L2 shared with others); double-click the op, "
           "or select it and press B, to jump to that op. C (View &gt; Critical path) draws the "
           "chain of ops that set the run's length: its ops outlined, the rest faded, a "
           "connector where it changes lanes. Shift+drag selects a time range: the lines below "
           "show busy per pipe for each unit (AIC, AIV0, AIV1) and the busiest one, bubbles, "
           "bytes moved and FLOPs inside it. The Buffers page shows the same time range. The "
           "Pseudo-code dock beside the timeline (View menu) lists the kernel of the run's "
           "variant: hovering or selecting an op lights the lines that produce it, clicking a "
           "line outlines its ops and fades the rest, and the pane below it explains the "
           "line's ops and flags. After "
           "an input changes, a banner says the results are for the previous inputs until the "
           "next run.")},
      {QStringLiteral("Buffers"),
       PageGuideDialog::tr(
           "The on-chip buffers of one core (pick it at the top) over the same time range as "
           "the Timeline. One strip per buffer (L1, L0A, L0B, L0C, the UB of each vector unit, "
           "the GM workspace) shows its occupancy against its capacity line; zoomed out, each "
           "pixel column shows the lowest and highest occupancy it covers as a band. Below, the "
           "memory map of one buffer (\"Memory map of\"): which tensor held which offset when, "
           "coloured by the op that produced it; hover a bar to name the tensor. Ctrl+wheel "
           "zooms and dragging pans on any strip or the map, and the Timeline follows.")},
      {QStringLiteral("Summary"),
       PageGuideDialog::tr(
           "The last run in numbers: makespan, FLOPs, TFLOPS and their share of the Cube peak, "
           "HBM and L2 traffic and bandwidth, what bounds the run, how evenly the cores were "
           "loaded, and the plan (jobs, tasks and combines on the AI cores). Per pipe: how busy "
           "it was and how many bubbles it had. The hierarchical roofline draws one roof per "
           "memory level (HBM, L2, MTE2 into L1 and UB, FixPipe out of L0C) and the run on "
           "each at that level's FLOPs per byte; the lowest roof, drawn solid, limits it. The "
           "Sensitivity tab moves each estimated [E] or fitted [F] hardware parameter down and "
           "up by a chosen share and draws the makespan at both ends as a tornado chart, the "
           "parameter that swings it most on top; hover a row for its source. A chart too small "
           "for every row shows the most sensitive ones and says how many it left out.")},
      {QStringLiteral("Sweep"),
       PageGuideDialog::tr(
           "Tile exploration. Choose one or two knobs and their values, a metric and the number "
           "of jobs; Run simulates every combination on top of the studio's configuration, in "
           "parallel, with a progress bar and Cancel. The heatmap shows the metric per cell; an "
           "invalid cell is marked and says why when hovered. Click a valid cell to open its run "
           "in the studio; Compare with best opens the best cell against the current run on the "
           "Compare page.")},
      {QStringLiteral("Compare"),
       PageGuideDialog::tr(
           "Two runs side by side: A, pinned with Run &gt; Pin this run as A, above B, the run "
           "after it. Both timelines show the same time range: zoom or pan either and the other "
           "follows. The table lists makespan, TFLOPS, utilisation, HBM and L2 bytes, the bound "
           "and busy per pipe for A, B, B &minus; A and B / A, green where B is better and red "
           "where it is worse. Below it, where the time went: each run's makespan attributed "
           "along its critical path (Cube compute, MTE2 from HBM, flag latency, waiting on a "
           "buffer slot...) and B &minus; A per category, so the categories that grew say why B "
           "is slower. Swap A and B exchanges them.")},
      {QStringLiteral("Serving"),
       PageGuideDialog::tr(
           "The kernel inside one DeepSeek-R1 decode step on a CloudMatrix384 die. Two "
           "microbatches take turns through stream 0 (MLAProlog, the attention kernel, O "
           "projection) and stream 1 (the MoE experts); the kernel is simulated on stream 0's "
           "cores with the configuration panel's variant and tiling. The lanes show the streams, "
           "the plot how tokens/s would change with a faster or slower kernel and where the MoE "
           "stream takes over. Hover a field for its source.")},
      {QStringLiteral("Numerics"),
       PageGuideDialog::tr(
           "AMLA's arithmetic, bit by bit and over a whole attention run, against an FP64 "
           "golden and the baseline that rescales with a multiply. On the left: the inputs, the "
           "kernel blocking (rows per task and KV block, taken from the studio's configuration) "
           "and every AMLA switch, with Run. The heatmaps show where the exponent add equals "
           "ldexp, the mantissa compensation, and for the last run the output error and its "
           "growth per KV block; click a cell to load it into the bit view. The bit view shows "
           "F, the addend N and F + N as INT32 bits, the bits that changed, the exact F &times; "
           "2^n, the ULP distance and whether the add is safe; click a bit to toggle it. Below: "
           "the accuracy of both kernels (errors, FlashMLA and Ascend pass or fail), how AMLA's "
           "integer adds were classified, and the AMLA state per KV block of one row.")},
  };
  return pages;
}

PageGuideDialog::PageGuideDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("pageGuideDialog"));
  setWindowTitle(tr("What each page shows"));
  browser_ = new QTextBrowser(this);
  browser_->setObjectName(QStringLiteral("pageGuideText"));
  browser_->setOpenLinks(false);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(browser_, 1);
  layout->addWidget(buttons);
  resize(640, 560);
  showPage({});
}

void PageGuideDialog::showPage(const QString& page) {
  QString html;
  for (const PageHelp& p : page_help()) {
    // The page the user is on stands out, so F1 answers "what am I looking at".
    const QString style =
        p.page == page ? QStringLiteral(" style=\"background:#fff6d5\"") : QString();
    html += QStringLiteral("<h3><a name=\"%1\"></a>%1</h3><p%2>%3</p>").arg(p.page, style, p.html);
  }
  browser_->setHtml(html);
  if (!page.isEmpty()) browser_->scrollToAnchor(page);
}

QString PageGuideDialog::text() const { return browser_->toPlainText(); }

}  // namespace amla::ui
