/* status.h: the status bar: accounts, counts, outbox, error. */
#ifndef TD_STATUS_H
#define TD_STATUS_H

struct ui;

/* Draw the status bar into ui->win_status. */
void status_draw(struct ui *ui);

#endif
