// What a bond's screens say while the bond loads, when it is not one of the caller's (404: the same
// words whether it never existed or belongs to others), and when loading failed.
import type { ApiError } from '../api';
import { LoadError, Loading } from '../ui/feedback';
import { Link } from '../router';

export function BondMissing({
  error,
  onRetry,
  loadingLabel,
}: {
  error: ApiError | null | undefined;
  onRetry: () => void;
  loadingLabel?: string;
}) {
  if (!error) return <Loading label={loadingLabel} />;
  if (error.status === 404) {
    return (
      <div class="notice">
        <p>We could not find this bond. It may have been mistyped, or it is not one of yours.</p>
        <p>
          <Link href="/">Back to your bonds</Link>
        </p>
      </div>
    );
  }
  return <LoadError error={error} onRetry={onRetry} />;
}
