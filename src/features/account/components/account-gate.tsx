import type { ReactNode } from 'react'
import type { Me } from '../../../../domain/account'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import type { Account } from '../hooks/use-me'

/** Renders its children once signed in; until then progress, or the error with 重试. */
export function AccountGate({ account, children }: { account: Account; children: (me: Me) => ReactNode }) {
  if (account.me) return <>{children(account.me)}</>
  if (account.error) return <ErrorView error={account.error} onRetry={() => void account.retry()} retrying={account.loading} />
  return <Loading text='正在登录…' />
}
