-- RETURNING of UPDATE ... FROM and DELETE ... USING reads every FROM
-- item: the target's new row (UPDATE) or deleted row, and the rows it
-- was joined with.
create table rf_acc (id int, bal int);
create table rf_adj (id int, delta int, note text);
insert into rf_acc values (1, 100), (2, 200), (3, 300);
insert into rf_adj values (1, 10, 'one'), (2, 20, 'two');
update rf_acc set bal = rf_acc.bal + a.delta from rf_adj a where a.id = rf_acc.id returning rf_acc.id, rf_acc.bal, a.delta, a.note;
update rf_acc t set bal = t.bal * 2 from rf_adj where rf_adj.id = t.id and rf_adj.note = 'one' returning *;
update rf_acc set bal = v.b from (values (3, 7)) v(a, b) where v.a = rf_acc.id returning v.b, rf_acc.bal - v.b as diff;
delete from rf_acc using rf_adj where rf_adj.id = rf_acc.id and rf_adj.delta = 20 returning rf_adj.note, rf_acc.*;
delete from rf_acc a using rf_adj b where a.id = b.id returning b.*, a.bal;
select * from rf_acc order by id;
update rf_acc set bal = 0 from rf_adj where rf_adj.id = 42 returning rf_adj.note;
delete from rf_acc using rf_adj where rf_adj.id = rf_acc.id returning nosuch.id;
update rf_acc set bal = 1 from rf_adj where rf_adj.id = rf_acc.id returning id;
drop table rf_acc, rf_adj;
