import { Migration } from '@mikro-orm/migrations';

/**
 * Servers remember who a session cookie belongs to (core/auth/actor-cache.ts). Whatever changes
 * that answer, a session ended, a role changed, a membership added or removed, tells every server
 * with a NOTIFY carrying the user's id, sent when the change commits, whoever made it (a request,
 * a job, an operator's SQL). Sessions past their expiry are skipped: no server serves them anyway,
 * and housekeeping deletes them by the thousand.
 */
export class Migration20261124200000_actor_change_notifications extends Migration {

  override name = 'Migration20261124200000_actor_change_notifications';

  override up(): void | Promise<void> {
    this.addSql(`create function razem_notify_actor_changed() returns trigger language plpgsql as $$
      begin
        -- tg_argv[0] names the column that holds the user's id.
        if tg_op <> 'INSERT' then perform pg_notify('razem_actor_changed', to_jsonb(old) ->> tg_argv[0]); end if;
        if tg_op <> 'DELETE' then perform pg_notify('razem_actor_changed', to_jsonb(new) ->> tg_argv[0]); end if;
        return null;
      end $$;`);
    this.addSql(`create trigger session_actor_changed after update or delete on session
      for each row when (old.expires_at > now()) execute function razem_notify_actor_changed('user_id');`);
    this.addSql(`create trigger user_actor_changed after update of role, municipality_id, erased_at on "user"
      for each row execute function razem_notify_actor_changed('id');`);
    this.addSql(`create trigger membership_actor_changed after insert or update or delete on membership
      for each row execute function razem_notify_actor_changed('user_id');`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop trigger membership_actor_changed on membership;');
    this.addSql('drop trigger user_actor_changed on "user";');
    this.addSql('drop trigger session_actor_changed on session;');
    this.addSql('drop function razem_notify_actor_changed();');
  }

}
