/* stats.h: the :stats screen: after-sales charts with drill-down into the inbox. */
#ifndef TD_UI_STATS_H
#define TD_UI_STATS_H

struct pane_ops;
struct ui;

extern const struct pane_ops stats_ops;

/* `:stats [--since 7d|all | --from DATE --to DATE] [QUERY]`: compute the
 * figures for the tickets QUERY selects (as the inbox filter would) and
 * show the screen over the panes. A bad range or query is a message and
 * leaves the screen as it was. */
void stats_cmd(struct ui *ui, int argc, char **argv);
/* Close the screen (the figures are kept until the next :stats). */
void stats_close(struct ui *ui);

/* Actions (keymap functions of the stats map). */
void stats_act_next_section(struct ui *ui);
void stats_act_prev_section(struct ui *ui);
/* Open the inbox on exactly the selected bar's tickets: view all, the
 * bar's query as the filter. */
void stats_act_drill(struct ui *ui);
/* Compute the figures again with the same query and range. */
void stats_act_refresh(struct ui *ui);

#endif
