// Whether the other in a bond sees one's two needs: one switch per bond, saved as it changes, with
// plain words on what the other sees and that it can be hidden again.
import { api, type Bond, type BondNeeds } from '../api';
import { SettingCheckbox } from '../ui/forms';

export function ShowNeeds({
  bond,
  shown,
  answered,
  onSaved,
}: {
  bond: Bond;
  shown: boolean;
  /** Whether there is a result to show yet. */
  answered: boolean;
  onSaved: (view: BondNeeds) => void;
}) {
  const name = bond.other.display_name;
  return (
    <SettingCheckbox
      id={`show-needs-${bond.id}`}
      label={`Show my two needs to ${name}`}
      checked={shown}
      save={async (next) => onSaved(await api.showNeeds(bond.id, next))}
      hint={
        <p>
          {name} {shown ? 'sees' : 'would see'} the day you last answered and your two scores, never your answers. You can hide them again at any
          time{answered ? '.' : '; nothing shows until you have answered.'}
        </p>
      }
    />
  );
}
